package io.latchkey.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The official OAS 3.1 schema (vendored in src/test/resources/openapi, see its header for origin and licence)
 * applied by networknt's JSON Schema 2020-12 validator: a check of an OpenAPI document that shares no code with
 * swagger-core, which generates ours.
 */
public final class OpenApiSchema {
    private static final JsonSchema SCHEMA = load();
    /** The fields of a Path Item Object that are operations (OAS 3.1 §4.8.9.1). */
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiSchema() {
    }

    /** What is wrong with {@code document} as an OpenAPI 3.1 document; empty when nothing is. */
    public static List<String> violations(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Each operation of {@code document} by {@code "METHOD /path/{template}"}, in that order. */
    public static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey())) {
                operations.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue());
            }
        }));
        return operations;
    }

    private static JsonSchema load() {
        try (InputStream in = OpenApiSchema.class.getResourceAsStream("/openapi/oas-3.1-schema.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/oas-3.1-schema.yaml is missing from the test classpath");
            }
            JsonNode schema = new ObjectMapper(new YAMLFactory()).readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
