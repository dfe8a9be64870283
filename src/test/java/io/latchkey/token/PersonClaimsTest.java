package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.Account;
import io.latchkey.account.StandardClaims;
import io.latchkey.testing.TestClaims;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OIDC Core §5.4 and §5.5: claims released by scope and by the claims parameter, where each goes, nothing internal. */
class PersonClaimsTest {
    private static final Instant PROFILE_CHANGED = Instant.parse("2026-03-01T10:15:30Z");
    private static final Account ALICE = new Account(7L, "sub-alice", "alice", "Alice Liddell",
            Optional.of("alice@example.com"), false, true, true);
    private static final StandardClaims EVERY_CLAIM = TestClaims.EVERY_CLAIM;
    private static final Account FULL = new Account(8L, "sub-full", "alice", "Alice Liddell",
            Optional.of("alice@example.com"), true, false, true, EVERY_CLAIM, Optional.of(PROFILE_CHANGED));
    private static final ClaimsRequest NO_CLAIMS_PARAMETER = ClaimsRequest.NONE;

    @Test
    void anAccountWithoutStandardClaimsBecomesNameUsernameAndEmail() {
        assertEquals(new PersonClaims("sub-alice", "alice", Optional.of("Alice Liddell"),
                Optional.of("alice@example.com"), false), PersonClaims.of(ALICE));
    }

    @Test
    void openidAloneReleasesOnlyTheSubject() {
        assertEquals(Map.of("sub", "sub-alice"),
                PersonClaims.of(ALICE).forUserInfo(Set.of("openid"), NO_CLAIMS_PARAMETER));
    }

    @Test
    void profileReleasesEveryProfileClaimTheAccountHas() {
        Map<String, Object> released = PersonClaims.of(FULL).forUserInfo(Set.of("openid", "profile"),
                NO_CLAIMS_PARAMETER);

        assertEquals(List.of("sub", "name", "given_name", "family_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale",
                "updated_at"), List.copyOf(released.keySet()));
        assertEquals("alice.l", released.get("preferred_username"), "the account's own preferred_username");
        assertEquals(PROFILE_CHANGED.getEpochSecond(), released.get("updated_at"), "seconds since the epoch");
        assertEquals("0000-05-04", released.get("birthdate"));
    }

    @Test
    void preferredUsernameIsTheUsernameUnlessTheAccountGivesOne() {
        assertEquals(Map.of("sub", "sub-alice", "preferred_username", "alice", "name", "Alice Liddell"),
                PersonClaims.of(ALICE).forUserInfo(Set.of("openid", "profile"), NO_CLAIMS_PARAMETER));
    }

    @Test
    void emailReleasesEmailAndWhetherItIsVerified() {
        assertEquals(Map.of("sub", "sub-alice", "email", "alice@example.com", "email_verified", false),
                PersonClaims.of(ALICE).forUserInfo(Set.of("openid", "email"), NO_CLAIMS_PARAMETER));
    }

    @Test
    void addressReleasesTheAddressAsAnObject() {
        assertEquals(Map.of("sub", "sub-full", "address", Map.of("formatted", "Christ Church, Oxford OX1 1DP",
                        "street_address", "St Aldate's", "locality", "Oxford", "region", "Oxfordshire",
                        "postal_code", "OX1 1DP", "country", "GB")),
                PersonClaims.of(FULL).forUserInfo(Set.of("openid", "address"), NO_CLAIMS_PARAMETER));
    }

    @Test
    void phoneReleasesThePhoneNumberAndWhetherItIsVerified() {
        assertEquals(Map.of("sub", "sub-full", "phone_number", "+441865270000", "phone_number_verified", true),
                PersonClaims.of(FULL).forUserInfo(Set.of("openid", "phone"), NO_CLAIMS_PARAMETER));
    }

    @Test
    void scopesReleaseNothingTheAccountDoesNotHave() {
        PersonClaims bob = new PersonClaims("sub-bob", "bob", Optional.of("Bob"), Optional.empty(), true);
        assertEquals(Map.of("sub", "sub-bob"), bob.forUserInfo(Set.of("openid", "email", "address", "phone"),
                NO_CLAIMS_PARAMETER));
    }

    @Test
    void theAdminFlagAndTheInternalIdAreNeverReleased() {
        Map<String, Object> all = PersonClaims.of(ALICE).forUserInfo(
                Set.of("openid", "profile", "email", "offline_access", "admin"),
                ClaimsRequest.parse("{\"userinfo\":{\"admin\":null,\"id\":null}}"));
        assertEquals(Set.of("sub", "preferred_username", "name", "email", "email_verified"), all.keySet());
    }

    @Test
    void scopeClaimsStayOutOfAnIdTokenIssuedWithAnAccessToken() {
        assertEquals(Map.of("sub", "sub-full"), PersonClaims.of(FULL).forIdToken(
                Set.of("openid", "profile", "email", "address", "phone"), NO_CLAIMS_PARAMETER, true));
    }

    @Test
    void scopeClaimsGoInAnIdTokenIssuedWithoutAnAccessToken() {
        assertEquals(Map.of("sub", "sub-full", "email", "alice@example.com", "email_verified", true),
                PersonClaims.of(FULL).forIdToken(Set.of("openid", "email"), NO_CLAIMS_PARAMETER, false));
    }

    @Test
    void claimsRequestedForTheIdTokenGoInItWhateverTheResponseType() {
        ClaimsRequest request = ClaimsRequest.parse(
                "{\"id_token\":{\"email\":{\"essential\":true},\"nickname\":null},\"userinfo\":{\"phone_number\":null}}");

        Map<String, Object> idToken = PersonClaims.of(FULL).forIdToken(Set.of("openid"), request, true);

        assertEquals(Map.of("sub", "sub-full", "nickname", "Al", "email", "alice@example.com"), idToken,
                "email alone: email_verified was not asked for; phone_number is UserInfo's");
    }

    @Test
    void claimsRequestedForUserInfoComeFromUserInfoBesidesTheScopes() {
        ClaimsRequest request = ClaimsRequest.parse("{\"userinfo\":{\"name\":{\"essential\":true}},"
                + "\"id_token\":{\"picture\":null}}");

        assertEquals(Map.of("sub", "sub-full", "name", "Alice Liddell", "email", "alice@example.com",
                        "email_verified", true),
                PersonClaims.of(FULL).forUserInfo(Set.of("openid", "email"), request));
    }

    @Test
    void eachStandardScopeRequestsTheClaimsOfSection54() {
        assertEquals(Set.of("email", "email_verified"), PersonClaims.requestedBy(Set.of("email")));
        assertEquals(Set.of("address"), PersonClaims.requestedBy(Set.of("address")));
        assertEquals(Set.of("phone_number", "phone_number_verified"), PersonClaims.requestedBy(Set.of("phone")));
        assertEquals(14, PersonClaims.requestedBy(Set.of("profile")).size());
        assertEquals(Set.of(), PersonClaims.requestedBy(Set.of("openid", "offline_access")));
    }
}
