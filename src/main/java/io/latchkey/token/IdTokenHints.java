package io.latchkey.token;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.latchkey.key.KeyRing;
import io.latchkey.security.Secret;
import java.util.Optional;

/**
 * Reads an {@code id_token_hint} (RP-Initiated Logout 1.0 §2): an ID token this server signed, which may
 * have expired ("The OP need not be validating the token's expiration").
 */
public final class IdTokenHints {
    private final String issuer;
    private final KeyRing keys;

    public IdTokenHints(String issuer, KeyRing keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    /** Who the hint names, for which client, in which session. */
    public record Hint(String clientId, String subject, Optional<String> sid) {
    }

    public Optional<Hint> read(Secret idToken) {
        Claims claims;
        try {
            var parsed = keys.parser()
                    .requireIssuer(issuer)
                    .build()
                    .parseSignedClaims(idToken.reveal());
            if (!"JWT".equals(parsed.getHeader().getType()) || !keys.accepts(parsed.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            claims = parsed.getPayload();
        } catch (ExpiredJwtException e) {
            if (!"JWT".equals(e.getHeader().getType())) {
                return Optional.empty();
            }
            claims = e.getClaims();
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (claims.getAudience() == null || claims.getAudience().size() != 1 || claims.getSubject() == null
                || !issuer.equals(claims.getIssuer()) || claims.get("azp") == null) {
            return Optional.empty();
        }
        return Optional.of(new Hint(claims.getAudience().iterator().next(), claims.getSubject(),
                Optional.ofNullable(claims.get("sid", String.class))));
    }
}
