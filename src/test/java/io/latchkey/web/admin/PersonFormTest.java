package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountPolicy;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import io.latchkey.client.FormParameters;
import io.latchkey.error.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersonFormTest {
    @Test
    void aNewPersonTakesTheAdminApisDefaults() {
        AccountDefinition definition = PersonForm.of(FormParameters.of(Map.of("username", " Carol ", "name", "",
                "email", "  ", "password", ""))).definition();
        assertEquals("Carol", definition.username());
        assertEquals("Carol", definition.displayName(), "the name is the username when left empty");
        assertEquals(Optional.empty(), definition.email(), "an empty email is none");
        assertEquals(Optional.empty(), definition.password(), "no password: none");
        assertTrue(definition.enabled());
        assertFalse(definition.admin(), "being an administrator takes its own form");
        assertFalse(definition.emailVerified());
    }

    @Test
    void whatIsTypedIsTrimmedAndTheCheckboxIsPresence() {
        AccountDefinition definition = PersonForm.of(FormParameters.of(Map.of("username", "dave", "name", " Dave D ",
                "email", " dave@example.com ", "email_verified", "yes", "password", " spaces kept  "))).definition();
        assertEquals("Dave D", definition.displayName());
        assertEquals(Optional.of("dave@example.com"), definition.email());
        assertTrue(definition.emailVerified());
        assertEquals(" spaces kept  ", definition.password().orElseThrow().reveal(), "a password is never trimmed");
    }

    @Test
    void theProfileKeepsThePersonsOtherClaims() {
        StandardClaims claims = new StandardClaims(Optional.of("Eve"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("en"), Optional.empty(), false,
                Address.NONE);
        AccountCommands.Profile profile = new PersonForm("eve", " Eve E ", "", true, "").profile(claims);
        assertEquals(new AccountCommands.Profile("Eve E", Optional.empty(), true, claims), profile);
        assertTrue(AccountPolicy.check(new AccountDefinition("eve", Optional.empty(), profile.displayName(),
                profile.email(), profile.emailVerified(), false, true, claims)).stream()
                .anyMatch(v -> v.field().equals("email_verified")), "the policy, not the form, refuses this");
    }

    @Test
    void eachViolationMarksItsFieldAndOthersMarkTheForm() {
        Map<String, String> errors = PersonForm.fieldErrors(List.of(new Violation("username", "is bad"),
                new Violation("email", "is not an email address"), new Violation("email", "is too long"),
                new Violation("address.country", "is too long"), new Violation("enabled", "is the last one")));
        assertEquals("is bad", errors.get("username"));
        assertEquals("is not an email address; is too long", errors.get("email"));
        assertEquals("address.country is too long; enabled is the last one", errors.get(""));
        assertEquals(3, errors.size());
    }

    @Test
    void aRefusedFormIsShownAgainWithoutThePasswordWhichIsNeverPrinted() {
        PersonForm typed = new PersonForm("frank", "Frank", "f@example.com", true, "hunter2-hunter2");
        assertEquals(new PersonForm("frank", "Frank", "f@example.com", true, ""), typed.withoutPassword());
        assertFalse(typed.toString().contains("hunter2"), typed.toString());
    }

    @Test
    void theViolationsOfTheRealPolicyNameFieldsTheFormHas() {
        List<Violation> violations = AccountPolicy.check(new PersonForm("bad name!", "x".repeat(201), "nope", false,
                "").definition());
        Map<String, String> errors = PersonForm.fieldErrors(violations);
        assertEquals(java.util.Set.of("username", "name", "email"), errors.keySet(), errors.toString());
    }
}
