package io.latchkey.token;

import io.jsonwebtoken.Jwts;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.FormParameters;
import io.latchkey.key.KeyRing;
import java.time.Clock;
import java.util.Date;
import java.util.Map;

/**
 * {@code POST /oauth/introspect}: RFC 7662, and the JWT response of RFC 9701 for callers that ask for
 * {@code application/token-introspection+jwt}.
 */
public final class IntrospectionEndpoint {
    public static final String JWT_MEDIA_TYPE = "application/token-introspection+jwt";

    private final String issuer;
    private final ClientRequests clients;
    private final Introspection introspection;
    private final KeyRing keys;
    private final Clock clock;

    public IntrospectionEndpoint(String issuer, ClientRequests clients, Introspection introspection, KeyRing keys,
                                 Clock clock) {
        this.issuer = issuer;
        this.clients = clients;
        this.introspection = introspection;
        this.keys = keys;
        this.clock = clock;
    }

    /** The answer and who asked (the audience of a JWT response). */
    public record Answer(Map<String, Object> claims, String callerId) {
    }

    public Answer introspect(FormParameters form, String authorization, String clientAddress) {
        AuthenticatedClient caller = clients.authenticate(form, authorization, clientAddress, false);
        return new Answer(introspection.introspect(caller.client(), ClientRequests.token(form),
                form.get("token_type_hint")), caller.client().clientId());
    }

    /** RFC 9701 §5: a JWT signed by the server, for the caller, with the answer under {@code token_introspection}. */
    public String asJwt(Answer answer) {
        return keys.signer().sign(Jwts.builder()
                .header().type("token-introspection+jwt").and()
                .issuer(issuer)
                .audience().single(answer.callerId())
                .issuedAt(Date.from(clock.instant()))
                .claim("token_introspection", answer.claims()));
    }
}
