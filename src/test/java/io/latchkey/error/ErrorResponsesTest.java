package io.latchkey.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    private static HttpServletRequest request(String path) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> "/latchkey" + path;
                    case "getContextPath" -> "/latchkey";
                    default -> null;
                });
    }

    private static HttpHeaders accepting(RuntimeException unparseable, List<MediaType> types) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getAcceptableMediaTypes")) {
                        if (unparseable != null) {
                            throw unparseable;
                        }
                        return types;
                    }
                    return null;
                });
    }

    @Test
    void anUnparseableAcceptHeaderGetsTheJsonErrorInsteadOfFailingTheMapper() {
        Response response = ErrorResponses.of(new OAuthError(ErrorCode.NOT_FOUND, "there is nothing at this address"),
                404, request("/nothing"), accepting(new IllegalArgumentException("Unable to parse \"Accept\""), null));
        assertEquals(404, response.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
    }

    @Test
    void aBrowserAskingForHtmlStillGetsThePage() {
        Response response = ErrorResponses.of(new OAuthError(ErrorCode.NOT_FOUND, "there is nothing at this address"),
                404, request("/nothing"), accepting(null, List.of(MediaType.TEXT_HTML_TYPE)));
        assertEquals("text/html", response.getMediaType().getType() + "/" + response.getMediaType().getSubtype());
    }
}
