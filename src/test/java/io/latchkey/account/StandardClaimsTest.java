package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StandardClaimsTest {
    /** Each string-valued claim set to its own wire name. */
    private static final StandardClaims NAMED = StandardClaims.of(claim -> Optional.of(claim.wireName()), true,
            Address.NONE);

    @Test
    void everyStringValuedClaimOfTheRecordIsInTheOneListInItsOrder() throws ReflectiveOperationException {
        List<RecordComponent> components = Stream.of(StandardClaims.class.getRecordComponents())
                .filter(StandardClaimsTest::optionalString).toList();
        StandardClaims.TextClaim[] claims = StandardClaims.TextClaim.values();
        assertEquals(components.size(), claims.length, "one TextClaim for each Optional<String> component");
        for (int i = 0; i < claims.length; i++) {
            assertEquals(Optional.of(claims[i].wireName()), components.get(i).getAccessor().invoke(NAMED),
                    components.get(i).getName());
        }
    }

    @Test
    void ofPutsEachClaimInItsOwnPlace() {
        assertEquals(Optional.of("given_name"), NAMED.givenName());
        assertEquals(Optional.of("family_name"), NAMED.familyName());
        assertEquals(Optional.of("middle_name"), NAMED.middleName());
        assertEquals(Optional.of("nickname"), NAMED.nickname());
        assertEquals(Optional.of("preferred_username"), NAMED.preferredUsername());
        assertEquals(Optional.of("profile"), NAMED.profile());
        assertEquals(Optional.of("picture"), NAMED.picture());
        assertEquals(Optional.of("website"), NAMED.website());
        assertEquals(Optional.of("gender"), NAMED.gender());
        assertEquals(Optional.of("birthdate"), NAMED.birthdate());
        assertEquals(Optional.of("zoneinfo"), NAMED.zoneinfo());
        assertEquals(Optional.of("locale"), NAMED.locale());
        assertEquals(Optional.of("phone_number"), NAMED.phoneNumber());
        for (StandardClaims.TextClaim claim : StandardClaims.TextClaim.values()) {
            assertEquals(Optional.of(claim.wireName()), claim.of(NAMED), claim.name());
        }
    }

    @Test
    void theChangedFieldsNameEveryClaimByItsWireName() {
        assertEquals(List.of("given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
                "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
                "phone_number_verified"), StandardClaims.NONE.fieldsChangedIn(NAMED));
        assertEquals(List.of(), NAMED.fieldsChangedIn(StandardClaims.of(claim -> Optional.of(claim.wireName()), true,
                Address.NONE)));
        assertEquals(List.of("locale"), NAMED.fieldsChangedIn(StandardClaims.of(claim -> Optional.of(
                claim == StandardClaims.TextClaim.LOCALE ? "fr-FR" : claim.wireName()), true, Address.NONE)));
    }

    private static boolean optionalString(RecordComponent component) {
        return component.getType() == Optional.class && component.getGenericType() instanceof ParameterizedType type
                && type.getActualTypeArguments()[0] == String.class;
    }
}
