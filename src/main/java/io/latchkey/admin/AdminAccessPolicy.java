package io.latchkey.admin;

import io.latchkey.client.ClientType;
import io.latchkey.consent.ScopeCatalog;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call the admin API, decided from facts read at this request (pure Java, no container).
 *
 * <p>A valid access token is accepted when all of these hold:
 * <ol>
 * <li>it carries {@code latchkey:admin}, or {@code latchkey:admin.read} and the method only reads (GET, HEAD,
 *     OPTIONS) — and its application still lists that scope now (an operator who takes the scope away from the
 *     application takes it away from every token of it);</li>
 * <li>its audience contains the admin API ({@code <issuer>/api/admin});</li>
 * <li>its holder may administer now: a <em>person</em> only through a personal access token, and only while their
 *     account exists, is enabled and is an administrator (checked at every request, so a demoted administrator's
 *     tokens stop at once); an <em>application</em> (client credentials, or a service token acting as it) only
 *     when it is an enabled m2m application — operators alone give an application a scope.</li>
 * </ol>
 * Otherwise: no scope for this method, or a holder who may not, is {@code insufficient_scope} (403, RFC 6750
 * §3.1); a token for another audience or of an application that is gone is {@code invalid_token} (401).
 */
public final class AdminAccessPolicy {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private AdminAccessPolicy() {
    }

    /** The token's holder as known now. */
    public sealed interface Holder permits Person, Application {
    }

    /**
     * A person: whether the token is a personal access token, and their account now (empty when it is gone).
     */
    public record Person(boolean personalAccessToken, Optional<Standing> account) implements Holder {
    }

    /** A person's account now. */
    public record Standing(boolean enabled, boolean admin) {
    }

    /** The application itself (client credentials, or a service access token acting as it). */
    public record Application() implements Holder {
    }

    /** The application the token was issued to, now: empty when it no longer exists. */
    public record Issuer(ClientType type, boolean enabled, Set<String> allowedScopes) {
        public Issuer {
            Objects.requireNonNull(type, "type");
            allowedScopes = Set.copyOf(allowedScopes);
        }
    }

    /** A verified token as presented. */
    public record Presented(Set<String> scopes, Set<String> audience, Holder holder, Optional<Issuer> issuer) {
        public Presented {
            scopes = Set.copyOf(scopes);
            audience = Set.copyOf(audience);
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(issuer, "issuer");
        }
    }

    /** What the policy decided. */
    public sealed interface Decision permits Allowed, InvalidToken, InsufficientScope {
    }

    /** Accepted; {@code readOnly} when the token only reads (it lacks {@code latchkey:admin}). */
    public record Allowed(boolean readOnly) implements Decision {
    }

    /** RFC 6750 {@code invalid_token}: 401. */
    public record InvalidToken(String description) implements Decision {
    }

    /** RFC 6750 {@code insufficient_scope}: 403, naming the {@code scope} this request needs. */
    public record InsufficientScope(String scope, String description) implements Decision {
    }

    /** Whether {@code method} only reads. */
    public static boolean reads(String method) {
        return READ_METHODS.contains(method);
    }

    public static Decision decide(String method, Presented token, String adminAudience) {
        if (token.issuer().isEmpty() || !token.issuer().get().enabled()) {
            return new InvalidToken("the token's application no longer exists or is disabled");
        }
        Issuer issuer = token.issuer().get();
        Set<String> usable = new TreeSet<>(token.scopes());
        usable.retainAll(issuer.allowedScopes());
        boolean write = usable.contains(ScopeCatalog.ADMIN);
        boolean read = write || usable.contains(ScopeCatalog.ADMIN_READ);
        String needed = reads(method) ? ScopeCatalog.ADMIN_READ : ScopeCatalog.ADMIN;
        if (!(reads(method) ? read : write)) {
            return new InsufficientScope(needed, reads(method)
                    ? "the token needs the scope " + ScopeCatalog.ADMIN_READ + " or " + ScopeCatalog.ADMIN
                    : "the token needs the scope " + ScopeCatalog.ADMIN);
        }
        if (!token.audience().contains(adminAudience)) {
            return new InvalidToken("the token is not for the admin API");
        }
        if (token.holder() instanceof Person person) {
            if (!person.personalAccessToken()) {
                return new InsufficientScope(needed, "a person uses the admin API with a personal access token");
            }
            if (person.account().filter(Standing::enabled).filter(Standing::admin).isEmpty()) {
                return new InsufficientScope(needed, "the token's holder is not an administrator");
            }
        } else if (issuer.type() != ClientType.M2M) {
            return new InsufficientScope(needed, "only m2m applications may use the admin API as themselves");
        }
        return new Allowed(!write);
    }
}
