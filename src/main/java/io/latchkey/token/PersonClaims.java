package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standard claims (OIDC Core §5.1) Latchkey knows about a person, and which of them go where:
 * <ul>
 * <li>by scope (§5.4): {@code profile} gives name, family_name, given_name, middle_name, nickname,
 * preferred_username, profile, picture, website, gender, birthdate, zoneinfo, locale and updated_at;
 * {@code email} gives email and email_verified; {@code address} gives address; {@code phone} gives phone_number
 * and phone_number_verified. Scope-requested claims are returned from UserInfo, and in the ID token only when
 * no access token is issued ({@code response_type=id_token}), as §5.4 says;</li>
 * <li>by the {@code claims} parameter (§5.5, {@link ClaimsRequest}): its {@code id_token} claims go in the ID
 * token whatever the response type, its {@code userinfo} claims come from UserInfo.</li>
 * </ul>
 * Only the claims the account has are released (§5.3.2: absent, never null), always with {@code sub}. Nothing
 * else: no internal ids, no admin flag. {@code preferred_username} is the username unless the account gives one.
 */
public record PersonClaims(String subject, Map<String, Object> claims) {

    /** The claims each standard scope requests (OIDC Core §5.4). */
    public static final Map<String, List<String>> BY_SCOPE = Map.of(
            "profile", List.of("name", "family_name", "given_name", "middle_name", "nickname", "preferred_username",
                    "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"),
            "email", List.of("email", "email_verified"),
            "address", List.of("address"),
            "phone", List.of("phone_number", "phone_number_verified"));

    /** Every person claim Latchkey can release, in the order it writes them. */
    public static final List<String> SUPPORTED = List.of("sub", "name", "given_name", "family_name", "middle_name",
            "nickname", "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo",
            "locale", "updated_at", "email", "email_verified", "address", "phone_number", "phone_number_verified");

    public PersonClaims {
        claims = Map.copyOf(claims);
    }

    /** A person who has only a username, maybe a name and maybe an email. */
    public PersonClaims(String subject, String username, Optional<String> name, Optional<String> email,
                        boolean emailVerified) {
        this(subject, basic(username, name, email, emailVerified));
    }

    private static Map<String, Object> basic(String username, Optional<String> name, Optional<String> email,
                                             boolean emailVerified) {
        Map<String, Object> claims = new LinkedHashMap<>();
        name.ifPresent(n -> claims.put("name", n));
        claims.put("preferred_username", username);
        email.ifPresent(e -> {
            claims.put("email", e);
            claims.put("email_verified", emailVerified);
        });
        return claims;
    }

    public static PersonClaims of(Account account) {
        Map<String, Object> claims = new LinkedHashMap<>();
        StandardClaims standard = account.claims();
        claims.put("name", account.displayName());
        put(claims, "given_name", standard.givenName());
        put(claims, "family_name", standard.familyName());
        put(claims, "middle_name", standard.middleName());
        put(claims, "nickname", standard.nickname());
        claims.put("preferred_username", standard.preferredUsername().orElse(account.username()));
        put(claims, "profile", standard.profile());
        put(claims, "picture", standard.picture());
        put(claims, "website", standard.website());
        put(claims, "gender", standard.gender());
        put(claims, "birthdate", standard.birthdate());
        put(claims, "zoneinfo", standard.zoneinfo());
        put(claims, "locale", standard.locale());
        account.profileUpdatedAt().ifPresent(at -> claims.put("updated_at", at.getEpochSecond()));
        if (account.email().isPresent()) {
            claims.put("email", account.email().get());
            claims.put("email_verified", account.emailVerified());
        }
        if (!standard.address().isEmpty()) {
            claims.put("address", address(standard.address()));
        }
        if (standard.phoneNumber().isPresent()) {
            claims.put("phone_number", standard.phoneNumber().get());
            claims.put("phone_number_verified", standard.phoneNumberVerified());
        }
        return new PersonClaims(account.subject(), claims);
    }

    private static Map<String, String> address(Address address) {
        Map<String, String> members = new LinkedHashMap<>();
        put(members, "formatted", address.formatted());
        put(members, "street_address", address.streetAddress());
        put(members, "locality", address.locality());
        put(members, "region", address.region());
        put(members, "postal_code", address.postalCode());
        put(members, "country", address.country());
        return members;
    }

    private static void put(Map<String, ? super String> claims, String name, Optional<String> value) {
        value.ifPresent(v -> claims.put(name, v));
    }

    /** The claims the {@code scopes} request (§5.4), by name. */
    public static Set<String> requestedBy(Set<String> scopes) {
        Set<String> names = new LinkedHashSet<>();
        BY_SCOPE.forEach((scope, claims) -> {
            if (scopes.contains(scope)) {
                names.addAll(claims);
            }
        });
        return names;
    }

    /** What UserInfo answers (§5.3.2): the scopes' claims and the claims parameter's {@code userinfo} ones. */
    public Map<String, Object> forUserInfo(Set<String> scopes, ClaimsRequest request) {
        Set<String> names = requestedBy(scopes);
        names.addAll(request.userinfo().keySet());
        return released(names);
    }

    /**
     * The person claims of an ID token: the claims parameter's {@code id_token} ones, and the scopes' claims too
     * when no access token is issued with it (§5.4), for then the client has no other way to get them.
     */
    public Map<String, Object> forIdToken(Set<String> scopes, ClaimsRequest request, boolean accessTokenIssued) {
        Set<String> names = accessTokenIssued ? new LinkedHashSet<>() : requestedBy(scopes);
        names.addAll(request.idToken().keySet());
        return released(names);
    }

    /** {@code sub} and those of {@code names} the person has, in {@link #SUPPORTED} order. */
    public Map<String, Object> released(Set<String> names) {
        Map<String, Object> released = new LinkedHashMap<>();
        released.put("sub", subject);
        for (String name : SUPPORTED) {
            if (names.contains(name) && claims.containsKey(name)) {
                released.put(name, claims.get(name));
            }
        }
        return released;
    }
}
