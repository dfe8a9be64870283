package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.admin.AdminAccessPolicy.Allowed;
import io.latchkey.admin.AdminAccessPolicy.Decision;
import io.latchkey.admin.AdminAccessPolicy.Holder;
import io.latchkey.admin.AdminAccessPolicy.InsufficientScope;
import io.latchkey.admin.AdminAccessPolicy.InvalidToken;
import io.latchkey.admin.AdminAccessPolicy.Issuer;
import io.latchkey.admin.AdminAccessPolicy.Person;
import io.latchkey.admin.AdminAccessPolicy.Presented;
import io.latchkey.admin.AdminAccessPolicy.Standing;
import io.latchkey.client.ClientType;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per case: who presents which token for which method, and what the policy decides. */
class AdminAccessPolicyTest {
    private static final String AUDIENCE = "https://id.example.test/api/admin";
    private static final Set<String> BOTH = Set.of("latchkey:admin", "latchkey:admin.read");
    private static final Set<String> ADMIN = Set.of("latchkey:admin");
    private static final Set<String> READ = Set.of("latchkey:admin.read");
    private static final Issuer M2M_WITH_BOTH = new Issuer(ClientType.M2M, true, BOTH);
    private static final Holder SERVICE = new AdminAccessPolicy.Application();
    private static final Holder ADMIN_PAT = new Person(true, Optional.of(new Standing(true, true)));

    private static final Decision WRITE_OK = new Allowed(false);
    private static final Decision READ_OK = new Allowed(true);
    private static final Decision NEEDS_ADMIN = new InsufficientScope("latchkey:admin",
            "the token needs the scope latchkey:admin");
    private static final Decision NEEDS_READ = new InsufficientScope("latchkey:admin.read",
            "the token needs the scope latchkey:admin.read or latchkey:admin");

    private static Presented token(Set<String> scopes, Holder holder, Issuer issuer) {
        return new Presented(scopes, Set.of(AUDIENCE), holder, Optional.of(issuer));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("m2m with latchkey:admin writes", "PATCH", token(ADMIN, SERVICE, M2M_WITH_BOTH), WRITE_OK),
                Arguments.of("m2m with latchkey:admin reads", "GET", token(ADMIN, SERVICE, M2M_WITH_BOTH), WRITE_OK),
                Arguments.of("m2m with admin.read reads", "GET", token(READ, SERVICE, M2M_WITH_BOTH), READ_OK),
                Arguments.of("m2m with admin.read HEAD", "HEAD", token(READ, SERVICE, M2M_WITH_BOTH), READ_OK),
                Arguments.of("m2m with admin.read may not POST", "POST", token(READ, SERVICE, M2M_WITH_BOTH),
                        NEEDS_ADMIN),
                Arguments.of("m2m with admin.read may not DELETE", "DELETE", token(READ, SERVICE, M2M_WITH_BOTH),
                        NEEDS_ADMIN),
                Arguments.of("a token without admin scopes reads nothing", "GET",
                        token(Set.of("orders:read"), SERVICE, new Issuer(ClientType.M2M, true, Set.of("orders:read"))),
                        NEEDS_READ),
                Arguments.of("a scope the application no longer lists is not usable", "PATCH",
                        token(ADMIN, SERVICE, new Issuer(ClientType.M2M, true, READ)), NEEDS_ADMIN),
                Arguments.of("nor for reading", "GET",
                        token(ADMIN, SERVICE, new Issuer(ClientType.M2M, true, Set.of())), NEEDS_READ),
                Arguments.of("another audience", "GET", new Presented(ADMIN, Set.of("https://id.example.test"),
                        SERVICE, Optional.of(M2M_WITH_BOTH)), new InvalidToken("the token is not for the admin API")),
                Arguments.of("no audience", "GET", new Presented(ADMIN, Set.of(), SERVICE, Optional.of(M2M_WITH_BOTH)),
                        new InvalidToken("the token is not for the admin API")),
                Arguments.of("the application is gone", "GET", new Presented(ADMIN, Set.of(AUDIENCE), SERVICE,
                        Optional.empty()), new InvalidToken("the token's application no longer exists or is disabled")),
                Arguments.of("the application is disabled", "GET", token(ADMIN, SERVICE,
                        new Issuer(ClientType.M2M, false, BOTH)),
                        new InvalidToken("the token's application no longer exists or is disabled")),
                Arguments.of("a web application acting as itself", "GET",
                        token(ADMIN, SERVICE, new Issuer(ClientType.WEB, true, BOTH)), new InsufficientScope(
                        "latchkey:admin.read", "only m2m applications may use the admin API as themselves")),
                Arguments.of("an administrator's PAT writes", "DELETE", token(ADMIN, ADMIN_PAT, M2M_WITH_BOTH),
                        WRITE_OK),
                Arguments.of("an administrator's read-only PAT reads", "GET", token(READ, ADMIN_PAT, M2M_WITH_BOTH),
                        READ_OK),
                Arguments.of("a non-administrator's PAT", "GET", token(ADMIN,
                        new Person(true, Optional.of(new Standing(true, false))), M2M_WITH_BOTH),
                        new InsufficientScope("latchkey:admin.read", "the token's holder is not an administrator")),
                Arguments.of("a disabled administrator's PAT", "GET", token(ADMIN,
                        new Person(true, Optional.of(new Standing(false, true))), M2M_WITH_BOTH),
                        new InsufficientScope("latchkey:admin.read", "the token's holder is not an administrator")),
                Arguments.of("a PAT of a deleted account", "GET", token(ADMIN, new Person(true, Optional.empty()),
                        M2M_WITH_BOTH),
                        new InsufficientScope("latchkey:admin.read", "the token's holder is not an administrator")),
                Arguments.of("an administrator's token from a sign-in, not a PAT", "GET", token(ADMIN,
                        new Person(false, Optional.of(new Standing(true, true))), M2M_WITH_BOTH),
                        new InsufficientScope("latchkey:admin.read",
                                "a person uses the admin API with a personal access token")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String why, String method, Presented token, Decision expected) {
        assertEquals(expected, AdminAccessPolicy.decide(method, token, AUDIENCE));
    }
}
