package io.latchkey.token;

import io.latchkey.account.Account;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standard claims (OIDC Core §5.1) Latchkey knows about a person, released by scope (§5.4):
 * {@code profile} gives name and preferred_username, {@code email} gives email and email_verified.
 * Nothing else: no internal ids, no admin flag.
 */
public record PersonClaims(String subject, String username, Optional<String> name, Optional<String> email,
                           boolean emailVerified) {

    public static PersonClaims of(Account account) {
        return new PersonClaims(account.subject(), account.username(), Optional.ofNullable(account.displayName()),
                account.email(), account.emailVerified());
    }

    public Map<String, Object> releasedFor(Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        if (scopes.contains("profile")) {
            claims.put("preferred_username", username);
            name.ifPresent(n -> claims.put("name", n));
        }
        if (scopes.contains("email") && email.isPresent()) {
            claims.put("email", email.get());
            claims.put("email_verified", emailVerified);
        }
        return claims;
    }
}
