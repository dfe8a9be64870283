package io.latchkey.testing;

import io.latchkey.authorize.RequestParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Authorization requests that pass every check, for tests to break one parameter at a time. */
public final class TestRequests {
    /** RFC 7636 Appendix B. */
    public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    public static final String STATE = "af0ifjsldkj";
    public static final String NONCE = "n-0S6_WzA2Mj";

    private TestRequests() {
    }

    /** {@code response_type=code}, {@code scope=openid profile}, state, nonce and an S256 challenge. */
    public static RequestParameters authorization(String clientId, String redirectUri) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("client_id", List.of(clientId));
        values.put("redirect_uri", List.of(redirectUri));
        values.put("response_type", List.of("code"));
        values.put("scope", List.of("openid profile"));
        values.put("state", List.of(STATE));
        values.put("nonce", List.of(NONCE));
        values.put("code_challenge", List.of(CHALLENGE));
        values.put("code_challenge_method", List.of("S256"));
        return RequestParameters.of(values);
    }

    /** A request where {@code name} appears twice. */
    public static RequestParameters repeated(RequestParameters base, String name, String first, String second) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        base.singleValues().forEach((k, v) -> values.put(k, List.of(v)));
        values.put(name, List.of(first, second));
        return RequestParameters.of(values);
    }

    /** Plain parameters, e.g. for logout: {@code params("client_id", "web", "state", "x")}. */
    public static RequestParameters params(String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return RequestParameters.ofSingleValues(values);
    }
}
