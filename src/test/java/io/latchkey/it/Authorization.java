package io.latchkey.it;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One authorization request as a relying party would send it (code flow, PKCE S256, state, nonce), built by
 * hand so that abuse tests can change or drop any parameter. The PKCE pair comes from Nimbus.
 */
public final class Authorization {
    public static final String RP = "http://127.0.0.1:" + RelyingParty.PORT;
    public static final String WEB_CALLBACK = RP + "/web/callback";
    public static final String WEB_SIGNED_OUT = RP + "/web/signed-out";
    public static final String SPA_CALLBACK = RP + "/spa/callback";
    public static final String FIRST_PARTY_CALLBACK = RP + "/first/callback";
    public static final String NATIVE_ID = "it-native";
    public static final String FIRST_PARTY_ID = "it-first-party";
    public static final String FIRST_PARTY_SECRET = IssuedSecrets.remember("it-first-party-secret-0123456789abcdefghij");
    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = IssuedSecrets.remember("alice-password-0123");
    public static final String BOB = "bob";
    public static final String BOB_PASSWORD = IssuedSecrets.remember("bob-password-012345");
    public static final String THROTTLED = "throttled";
    public static final String THROTTLED_PASSWORD = IssuedSecrets.remember("throttled-password-0123");
    public static final String WEB_SCOPE = "openid profile email offline_access orders:read";

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final CodeVerifier verifier = new CodeVerifier();
    private final State state = new State();
    private final Nonce nonce = new Nonce();

    private Authorization(String clientId, String redirectUri, String scope) {
        IssuedSecrets.remember(verifier.getValue());
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", scope);
        parameters.put("state", state.getValue());
        parameters.put("nonce", nonce.getValue());
        parameters.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        parameters.put("code_challenge_method", "S256");
    }

    public static Authorization of(String clientId, String redirectUri, String scope) {
        return new Authorization(clientId, redirectUri, scope);
    }

    /** The confidential web application asking for everything it may have. */
    public static Authorization web() {
        return of(Server.WEB_ID, WEB_CALLBACK, WEB_SCOPE);
    }

    /** Sets a parameter, or removes it when {@code value} is null. */
    public Authorization set(String name, String value) {
        if (value == null) {
            parameters.remove(name);
        } else {
            parameters.put(name, value);
        }
        return this;
    }

    public String get(String name) {
        return parameters.get(name);
    }

    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    public String clientId() {
        return parameters.get("client_id");
    }

    public String redirectUri() {
        return parameters.get("redirect_uri");
    }

    public CodeVerifier verifier() {
        return verifier;
    }

    public State state() {
        return state;
    }

    public Nonce nonce() {
        return nonce;
    }

    /** {@code GET /oauth/authorize?...} with every parameter form-encoded. */
    public URI uri() {
        return URI.create(Server.ISSUER + "/oauth/authorize?" + query(parameters));
    }

    static String query(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(Server.form(k)).append('=').append(Server.form(v));
        });
        return out.toString();
    }
}
