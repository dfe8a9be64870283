package io.latchkey.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.latchkey.client.Client;
import io.latchkey.client.ClientJwks;
import io.latchkey.client.RequestObjectAlgorithm;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.key.SigningAlgorithm;
import java.io.IOException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a request object (RFC 9101 §6, OIDC Core §6.3.2) and answers its claims: a JWS (never encrypted) whose
 * {@code alg} is the application's {@code request_object_signing_alg} (or, when it registered none, RS256, PS256
 * or ES256), signed by one of its registered keys (the {@code kid} picks it when given); {@code none} only when
 * the application's operator named it. {@code exp} and {@code nbf}, when present, hold (with {@link #SKEW_SECONDS}
 * of clock skew); {@code iss}, when present, is the client_id and {@code aud}, when present, names this server
 * (RFC 9101 §10.2: "the Authorization Server MUST verify that the value of iss is the client_id ... and aud ...
 * its issuer identifier"). Every failure is {@code invalid_request_object}.
 */
public final class RequestObjectVerifier {
    static final long SKEW_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String issuer;
    private final RequestObjectKeys keys;
    private final Clock clock;

    public RequestObjectVerifier(String issuer, RequestObjectKeys keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
    }

    /** The claims of {@code jwt}, a request object sent by {@code client}. */
    public Map<String, Object> verify(Client client, String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length == 5) {
            throw invalid("encrypted request objects are not supported");
        }
        if (parts.length != 3) {
            throw invalid("the request object is not a JWT");
        }
        JsonNode header = header(parts[0]);
        String algName = header.path("alg").asText("");
        RequestObjectAlgorithm alg = RequestObjectAlgorithm.fromWireName(algName)
                .orElseThrow(() -> invalid("the request object's alg is not supported"));
        Optional<RequestObjectAlgorithm> registered = client.signing().requestObjectAlgorithm();
        if (registered.isPresent() && registered.get() != alg) {
            throw invalid("this application's request objects must use alg " + registered.get().wireName());
        }
        Claims claims = alg.signing().isPresent()
                ? signed(client, jwt, alg.signing().get(), header.hasNonNull("kid") ? header.get("kid").asText() : null)
                : unsigned(client, jwt);
        issuerAndAudience(client, claims);
        return claims;
    }

    private Claims unsigned(Client client, String jwt) {
        if (!client.signing().unsignedRequestObjects()) {
            throw invalid("this application's request objects must be signed");
        }
        try {
            return parser().unsecured().build().parseUnsecuredClaims(jwt).getPayload();
        } catch (JwtException | IllegalArgumentException e) {
            throw invalid(rejected(e));
        }
    }

    private Claims signed(Client client, String jwt, SigningAlgorithm alg, String kid) {
        List<ClientJwks.Key> candidates = candidates(keys.keys(client, false), alg, kid);
        if (candidates.isEmpty() && kid != null) {
            candidates = candidates(keys.keys(client, true), alg, kid);
        }
        if (candidates.isEmpty()) {
            throw invalid("no registered key of this application verifies " + alg + (kid == null ? "" : " with this kid"));
        }
        JwtException last = null;
        for (ClientJwks.Key key : candidates) {
            try {
                return parser().verifyWith(key.publicKey()).build().parseSignedClaims(jwt).getPayload();
            } catch (io.jsonwebtoken.security.SignatureException e) {
                last = e;
            } catch (JwtException | IllegalArgumentException e) {
                throw invalid(rejected(e));
            }
        }
        throw invalid(rejected(last));
    }

    /** The keys that may have signed with {@code alg}: of its key type, with its {@code alg} if named, the kid's. */
    private static List<ClientJwks.Key> candidates(Optional<ClientJwks> set, SigningAlgorithm alg, String kid) {
        return set.map(ClientJwks::keys).stream().flatMap(Collection::stream)
                .filter(key -> kid == null || key.kid().filter(kid::equals).isPresent())
                .filter(key -> key.alg().map(alg.name()::equals).orElse(true))
                .filter(key -> alg.keyType().equals("EC") ? key.publicKey() instanceof ECPublicKey
                        : key.publicKey() instanceof RSAPublicKey)
                .toList();
    }

    private JwtParserBuilder parser() {
        return Jwts.parser().clock(() -> Date.from(clock.instant())).clockSkewSeconds(SKEW_SECONDS);
    }

    private void issuerAndAudience(Client client, Claims claims) {
        Object iss = claims.get("iss");
        if (iss != null && !client.clientId().equals(iss)) {
            throw invalid("the request object's iss must be the client_id");
        }
        if (claims.containsKey("aud") && !claims.getAudience().contains(issuer)) {
            throw invalid("the request object's aud must name this server (its issuer)");
        }
    }

    private static JsonNode header(String encoded) {
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(encoded));
            if (header == null || !header.isObject()) {
                throw invalid("the request object's header is not a JSON object");
            }
            return header;
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the request object's header is not base64url JSON");
        }
    }

    private static String rejected(Exception e) {
        if (e instanceof io.jsonwebtoken.ExpiredJwtException) {
            return "the request object has expired";
        }
        if (e instanceof io.jsonwebtoken.PrematureJwtException) {
            return "the request object is not valid yet (nbf)";
        }
        if (e instanceof io.jsonwebtoken.security.SignatureException) {
            return "the request object's signature does not verify";
        }
        return "the request object could not be verified";
    }

    private static OAuthException invalid(String description) {
        return OAuthException.of(ErrorCode.INVALID_REQUEST_OBJECT, description);
    }
}
