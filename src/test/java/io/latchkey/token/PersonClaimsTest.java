package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.Account;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OIDC Core §5.4: claims released by scope, nothing internal. */
class PersonClaimsTest {
    private static final Account ALICE = new Account(7L, "sub-alice", "alice", "Alice Liddell",
            Optional.of("alice@example.com"), false, true, true);

    @Test
    void anAccountBecomesItsStandardClaims() {
        assertEquals(new PersonClaims("sub-alice", "alice", Optional.of("Alice Liddell"),
                Optional.of("alice@example.com"), false), PersonClaims.of(ALICE));
    }

    @Test
    void openidAloneReleasesOnlyTheSubject() {
        assertEquals(Map.of("sub", "sub-alice"), PersonClaims.of(ALICE).releasedFor(Set.of("openid")));
    }

    @Test
    void profileReleasesNameAndPreferredUsername() {
        assertEquals(Map.of("sub", "sub-alice", "preferred_username", "alice", "name", "Alice Liddell"),
                PersonClaims.of(ALICE).releasedFor(Set.of("openid", "profile")));
    }

    @Test
    void emailReleasesEmailAndWhetherItIsVerified() {
        assertEquals(Map.of("sub", "sub-alice", "email", "alice@example.com", "email_verified", false),
                PersonClaims.of(ALICE).releasedFor(Set.of("openid", "email")));
    }

    @Test
    void theEmailScopeReleasesNothingWhenThereIsNoEmail() {
        PersonClaims noEmail = new PersonClaims("sub-bob", "bob", Optional.of("Bob"), Optional.empty(), true);
        assertEquals(Map.of("sub", "sub-bob"), noEmail.releasedFor(Set.of("openid", "email")));
    }

    @Test
    void theAdminFlagAndTheInternalIdAreNeverReleased() {
        Map<String, Object> all = PersonClaims.of(ALICE).releasedFor(
                Set.of("openid", "profile", "email", "offline_access", "admin"));
        assertEquals(Set.of("sub", "preferred_username", "name", "email", "email_verified"), all.keySet());
    }
}
