package io.latchkey.token;

import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.key.JwtClaims;
import io.latchkey.key.KeyRing;
import io.latchkey.key.SigningAlgorithm;
import io.latchkey.security.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * ID tokens (OIDC Core §2, §3.1.3.6): for the client only ({@code aud} = {@code azp} = client_id), with
 * {@code nonce}, {@code auth_time}, {@code sid}, {@code amr}, and {@code at_hash} binding the access token
 * issued with it: the left half of SHA-256 of the token's ASCII, base64url. An ID token lives as long as the
 * application's access tokens: its own {@code access_token_lifetime}, else {@code LATCHKEY_ACCESS_TOKEN_TTL}.
 */
public final class IdTokenIssuer {
    /** The header's {@code typ} (RFC 7519 §5.1), as ID tokens have always carried it. */
    static final String TYPE = "JWT";
    private final String issuer;
    private final Duration lifetime;
    private static final Logger LOG = Logger.getLogger(IdTokenIssuer.class.getName());
    private final KeyRing keys;
    private final ClientDirectory clients;
    private final Clock clock;

    /** ID tokens all signed with the server's default algorithm. */
    public IdTokenIssuer(String issuer, Duration lifetime, KeyRing keys, Clock clock) {
        this(issuer, lifetime, keys, clientId -> Optional.empty(), clock);
    }

    /** ID tokens signed with each application's {@code id_token_signed_response_alg}, found in {@code clients}. */
    public IdTokenIssuer(String issuer, Duration lifetime, KeyRing keys, ClientDirectory clients, Clock clock) {
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.keys = keys;
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * Who signed in, to which client, how, and which access token travels with the ID token. {@code claims} is
     * the {@code claims} request parameter of the grant; {@code accessTokenIssued} whether the grant's response
     * type issues an access token at all (every one but {@code id_token}), which keeps the scopes' claims out of
     * the ID token (OIDC Core §5.4).
     */
    public record IdTokenRequest(PersonClaims person, String clientId, Set<String> scopes, Instant authTime,
                                 String sid, String amr, Optional<String> nonce, Optional<Secret> accessToken,
                                 ClaimsRequest claims, boolean accessTokenIssued) {

        /** For a grant that issues an access token and had no claims parameter. */
        public IdTokenRequest(PersonClaims person, String clientId, Set<String> scopes, Instant authTime, String sid,
                              String amr, Optional<String> nonce, Optional<Secret> accessToken) {
            this(person, clientId, scopes, authTime, sid, amr, nonce, accessToken, ClaimsRequest.NONE, true);
        }
    }

    public Secret issue(IdTokenRequest request) {
        return issue(request, Optional.empty());
    }

    /** With {@code c_hash} (OIDC Core §3.3.2.11) when the ID token travels with a code (hybrid flow). */
    public Secret issue(IdTokenRequest request, Optional<String> code) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<Client> client = clients.find(request.clientId());
        Duration lifetime = client.flatMap(c -> c.lifetimes().accessToken()).orElse(this.lifetime);
        // Written straight as JSON (JwtClaims): JJWT's builder and its JSON serialiser cost more than the claims.
        Map<String, Object> person = request.person().forIdToken(request.scopes(), request.claims(),
                request.accessTokenIssued());
        JwtClaims claims = new JwtClaims()
                .string("iss", issuer)
                .string("sub", (String) person.get("sub"))
                .string("aud", request.clientId())
                .string("azp", request.clientId())
                .number("exp", issuedAt.plus(lifetime).getEpochSecond())
                .number("iat", issuedAt.getEpochSecond())
                .number("auth_time", request.authTime().getEpochSecond())
                .string("sid", request.sid())
                .strings("amr", List.of(request.amr()))
                .string("acr", AccessTokenClaims.PASSWORD_ACR);
        for (Map.Entry<String, Object> claim : person.entrySet()) {
            if (!claim.getKey().equals("sub")) {
                claims.value(claim.getKey(), claim.getValue());
            }
        }
        if (request.nonce().isPresent()) {
            claims.string("nonce", request.nonce().get());
        }
        if (code.isPresent()) {
            claims.string("c_hash", leftHalfHash(code.get()));
        }
        if (request.accessToken().isPresent()) {
            claims.string("at_hash", leftHalfHash(request.accessToken().get().reveal()));
        }
        return Secret.of(keys.signer().sign(TYPE, claims, signingAlgorithm(request.clientId(), client)));
    }

    /**
     * The algorithm of the client's ID tokens: its {@code id_token_signed_response_alg} (OIDC Dynamic Client
     * Registration §2), else the server's default. The registration rules keep it among the enabled algorithms;
     * should the operator have disabled it since, the default signs and a warning says why. at_hash/c_hash use
     * SHA-256 either way (RS256, PS256 and ES256 all hash with SHA-256).
     */
    private Optional<SigningAlgorithm> signingAlgorithm(String clientId, Optional<Client> client) {
        Optional<SigningAlgorithm> chosen = client.flatMap(c -> c.signing().idTokenAlgorithm());
        if (chosen.isPresent() && !keys.signer().enabled(chosen.get())) {
            LOG.warning(() -> "application " + clientId + ": id_token_signed_response_alg " + chosen.get()
                    + " is not enabled (LATCHKEY_SIGNING_ALGORITHMS); its ID token is signed with the default");
            return Optional.empty();
        }
        return chosen;
    }

    /** OIDC Core §3.1.3.6 at_hash (and §3.3.2.11 c_hash): base64url of the left-most half of SHA-256. */
    public static String leftHalfHash(String value) {
        byte[] digest = Secret.sha256(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }
}
