package io.latchkey.token;

import io.latchkey.client.Client;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.key.JwtClaims;
import io.latchkey.key.KeyRing;
import io.latchkey.security.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * Issues JWT access tokens per RFC 9068: header {@code typ: at+jwt} and {@code kid}; claims
 * {@code iss, sub, aud, exp, iat, jti, client_id, scope}; signed by the key ring's {@link io.latchkey.key.JwtSigner}.
 * The audience is the API the scopes belong to (RFC 9068 §3), never the client. A token lives for its
 * application's own {@code access_token_lifetime} when it has one ({@link #lifetime(Client)}), else for the
 * server's {@code LATCHKEY_ACCESS_TOKEN_TTL}; a JWT's {@code exp} and a reference token's stored expiry alike.
 */
public final class AccessTokenIssuer {
    public static final String TYPE = "at+jwt";

    private final String issuer;
    private final Duration lifetime;
    private final KeyRing keys;
    private final ScopeCatalog scopes;
    private final Optional<ReferenceTokens> references;
    private final TokenIssuances issuances;
    private final Clock clock;

    public AccessTokenIssuer(String issuer, Duration lifetime, KeyRing keys, ScopeCatalog scopes, Clock clock) {
        this(issuer, lifetime, keys, scopes, Optional.empty(), clock);
    }

    /** With a store for opaque access tokens, for applications whose access_token_format is "reference". */
    public AccessTokenIssuer(String issuer, Duration lifetime, KeyRing keys, ScopeCatalog scopes,
                             Optional<ReferenceTokens> references, Clock clock) {
        this(issuer, lifetime, keys, scopes, references, TokenIssuances.NONE, clock);
    }

    /** As the server runs: noting each issuance for the posture review. */
    public AccessTokenIssuer(String issuer, Duration lifetime, KeyRing keys, ScopeCatalog scopes,
                             Optional<ReferenceTokens> references, TokenIssuances issuances, Clock clock) {
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.keys = keys;
        this.scopes = scopes;
        this.references = references;
        this.issuances = issuances;
        this.clock = clock;
    }

    /**
     * The access token in the application's format: a JWT by default; an opaque {@code lk_at_} token, checked
     * by introspection and revocable at once, when the application asked for reference tokens.
     */
    public IssuedAccessToken issue(AccessTokenClaims claims, boolean reference, Optional<Long> accountId) {
        return issue(claims, reference, accountId, lifetime, ClaimsRequest.NONE);
    }

    /** The access token of {@code client}, in its format and for its lifetime. */
    public IssuedAccessToken issue(Client client, AccessTokenClaims claims, Optional<Long> accountId) {
        return issue(client, claims, accountId, ClaimsRequest.NONE);
    }

    /**
     * {@link #issue(Client, AccessTokenClaims, Optional)} for a sign-in made with the {@code claims} request
     * parameter, which an opaque token keeps for UserInfo (a JWT's is kept with its grant, by its id).
     */
    public IssuedAccessToken issue(Client client, AccessTokenClaims claims, Optional<Long> accountId,
                                   ClaimsRequest requested) {
        return issue(claims, client.referenceAccessTokens(), accountId, lifetime(client), requested);
    }

    private IssuedAccessToken issue(AccessTokenClaims claims, boolean reference, Optional<Long> accountId,
                                    Duration lifetime, ClaimsRequest requested) {
        if (!reference) {
            return issue(claims, lifetime);
        }
        ReferenceTokens store = references.orElseThrow(() ->
                new IllegalStateException("reference access tokens need a token store"));
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime);
        Secret value = store.storeAccessToken(claims.subject(), accountId, claims.clientId(), claims.scopes(), issuedAt,
                expiresAt, requested);
        issuances.issued(claims.clientId(), claims.scopes(), issuedAt);
        // Its id for grant revocation (the deny list) is its full hash, like the hash it is stored under.
        return new IssuedAccessToken(value, value.hashed(), claims.scopes(), issuedAt, expiresAt);
    }

    public IssuedAccessToken issue(AccessTokenClaims claims) {
        return issue(claims, lifetime);
    }

    private IssuedAccessToken issue(AccessTokenClaims claims, Duration lifetime) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime);
        JwtClaims written = new JwtClaims()
                .string("iss", issuer)
                .string("sub", claims.subject())
                .audience(scopes.audiences(claims.scopes(), issuer))
                .number("exp", expiresAt.getEpochSecond())
                .number("iat", issuedAt.getEpochSecond())
                .string("jti", claims.jti())
                .string("client_id", claims.clientId())
                .string("scope", String.join(" ", claims.scopes()));
        if (claims.authTime().isPresent()) {
            written.number("auth_time", claims.authTime().get().getEpochSecond());
        }
        if (claims.acr().isPresent()) {
            written.string("acr", claims.acr().get());
        }
        String jwt = keys.signer().sign(TYPE, written);
        issuances.issued(claims.clientId(), claims.scopes(), issuedAt);
        return new IssuedAccessToken(Secret.of(jwt), claims.jti(), claims.scopes(), issuedAt, expiresAt);
    }

    /** The server's lifetime ({@code LATCHKEY_ACCESS_TOKEN_TTL}), for applications without one of their own. */
    public Duration lifetime() {
        return lifetime;
    }

    /** How long an access token of {@code client} lives: its own lifetime, else the server's. */
    public Duration lifetime(Client client) {
        return client.lifetimes().accessToken().orElse(lifetime);
    }

    /**
     * The latest a JWT access token signed from now to the end of the next second can expire (exp counts from
     * the whole second it was issued), for recording a token's id before it is signed.
     */
    public Instant expiryOfTokensIssuedNow() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).plus(lifetime);
    }

    /** {@link #expiryOfTokensIssuedNow()} for the tokens of {@code client}, at its lifetime. */
    public Instant expiryOfTokensIssuedNow(Client client) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).plus(lifetime(client));
    }
}
