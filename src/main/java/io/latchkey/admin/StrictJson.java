package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.latchkey.security.TextCharacters;
import java.io.IOException;
import java.util.Collection;

/**
 * Reads admin API request bodies strictly, in two steps. {@link #readObject} accepts exactly one JSON object:
 * a syntax error, a duplicate key, anything after the value or an empty body is {@link ProblemType#MALFORMED_JSON}.
 * {@link #bind} then maps it onto a request record: an unknown field, a wrong type (no coercion: {@code "1"} is
 * not a number, {@code 1} is not a string or a boolean, {@code 1.5} is not a whole number) or a null in a list is
 * {@link ProblemType#INVALID_REQUEST} naming the field. Jackson's messages never reach the client.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = mapper();

    private StrictJson() {
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
                LogicalType.Float, LogicalType.Collection, LogicalType.POJO, LogicalType.Enum}) {
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** The body as one JSON object; {@code MALFORMED_JSON} or {@code INVALID_REQUEST} otherwise. */
    public static JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new AdminProblem(ProblemType.MALFORMED_JSON, "the request needs a JSON object as its body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new AdminProblem(ProblemType.MALFORMED_JSON, "the request body is not well-formed JSON" + where
                    + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? ": a field appears twice" : ""));
        } catch (IOException e) {
            throw new AdminProblem(ProblemType.MALFORMED_JSON, "the request body could not be read as JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw new AdminProblem(ProblemType.MALFORMED_JSON, "the request needs a JSON object as its body");
        }
        if (!node.isObject()) {
            throw AdminProblem.invalid("(body)", "must be a JSON object");
        }
        refuseControlCharacters(node, "");
        return node;
    }

    /**
     * No name, value or text an operator sends holds a control character other than tab, line feed and carriage
     * return, C1 included, nor an unpaired surrogate ({@link TextCharacters#isMultiLine}): none has a meaning in
     * any field, they corrupt logs and listings, PostgreSQL refuses NUL in text and cannot hold a lone surrogate.
     */
    private static void refuseControlCharacters(JsonNode node, String path) {
        if (node.isTextual() && !TextCharacters.isMultiLine(node.textValue())) {
            throw AdminProblem.invalid(path.isEmpty() ? "(body)" : path, "must not contain control characters");
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!TextCharacters.isMultiLine(field.getKey())) {
                    throw AdminProblem.invalid("(body)", "a field name must not contain control characters");
                }
                refuseControlCharacters(field.getValue(), name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseControlCharacters(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** {@code node} as a {@code type}; {@code INVALID_REQUEST} naming the field otherwise. */
    public static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw AdminProblem.invalid(field(e), "is not a known field");
        } catch (InvalidNullException e) {
            throw AdminProblem.invalid(field(e), "must not be null");
        } catch (MismatchedInputException e) {
            throw AdminProblem.invalid(field(e), "must be " + expected(e.getTargetType()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw AdminProblem.invalid("(body)", "does not have the expected shape");
        }
    }

    /** The tree of {@code value} as this API writes it. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The JSON path of the failure, written like a violation's field: {@code redirect_uris[1]}. */
    static String field(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown && field.isEmpty()) {
            return unknown.getPropertyName();
        }
        return field.isEmpty() ? "(body)" : field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
