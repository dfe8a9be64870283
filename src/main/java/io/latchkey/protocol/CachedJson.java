package io.latchkey.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * A public JSON document (JWKS, discovery) serialised once per change of what it is made of, with a strong ETag (a
 * hash of its bytes, RFC 9110 §8.8.3): the configuration caches hand out one instance of each source until it
 * changes (a key rotation, a scope or application change, and at the latest every minute), so while the sources
 * are the same instances a GET writes the same bytes, and a conditional GET whose {@code If-None-Match} names them
 * is answered 304 with the same ETag and Cache-Control (RFC 9110 §15.4.5).
 */
final class CachedJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document's bytes and ETag, built from these source instances. */
    record Body(List<Object> sources, byte[] json, EntityTag tag) {
    }

    private volatile Body last;

    /**
     * The body of {@code document} for {@code sources}: the one built last when every source is the very same
     * instance as then, else built now.
     */
    Body of(List<Object> sources, Supplier<Object> document) {
        Body body = last;
        if (body != null && same(body.sources(), sources)) {
            return body;
        }
        try {
            byte[] json = JSON.writeValueAsBytes(document.get());
            body = new Body(List.copyOf(sources), json, new EntityTag(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 22)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot write a public JSON document", e);
        }
        last = body;
        return body;
    }

    private static boolean same(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** 200 with the body, or 304 when the request's preconditions name its ETag; both with the ETag and caching. */
    static Response response(Request request, Body body, String cacheControl) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(body.tag());
        Response.ResponseBuilder answer = notModified != null ? notModified
                : Response.ok(body.json(), MediaType.APPLICATION_JSON_TYPE);
        return answer.tag(body.tag()).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }

    /** For tests: the body as text. */
    static String text(Body body) {
        return new String(body.json(), StandardCharsets.UTF_8);
    }
}
