package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.account.AccountCommands;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import io.latchkey.store.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeoplePageTest {
    private static final Account ADMIN = new Account(1L, "sub-1", "root", "Root", Optional.empty(), false, true, true);

    @Test
    void theListsFiltersBecomeTheCommandsFilter() {
        assertEquals(new AccountCommands.Filter(Optional.of(true), Optional.of(false), Optional.of("ann")),
                PeoplePage.ListFilter.of("  ann ", "admin", "disabled", null).toCommands());
        assertEquals(new AccountCommands.Filter(Optional.of(false), Optional.of(true), Optional.empty()),
                PeoplePage.ListFilter.of("", "other", "enabled", "").toCommands());
    }

    @Test
    void valuesOutsideTheChoicesAreNoFilter() {
        assertEquals(AccountCommands.Filter.ALL, PeoplePage.ListFilter.of("  ", "root", "maybe", null).toCommands());
        assertEquals(AccountCommands.Filter.ALL, PeoplePage.ListFilter.of("x".repeat(201), null, null, null)
                .toCommands());
    }

    @Test
    void aPageStartsAfterTheUsernameGivenWhenItCouldBeOne() {
        assertEquals(new PageRequest(Optional.of("bob"), PeoplePage.PAGE_SIZE),
                PeoplePage.ListFilter.of("", "", "", " Bob ").page());
        assertEquals(PageRequest.first(PeoplePage.PAGE_SIZE), PeoplePage.ListFilter.of("", "", "", "no way!").page());
        assertEquals(PageRequest.first(PeoplePage.PAGE_SIZE), PeoplePage.ListFilter.of("", "", "", null).page());
    }

    @Test
    void anAdministratorMayNotDisableOrDemoteThemselves() {
        assertTrue(PeoplePage.ownLockout(ADMIN, "root", "enabled", false).orElseThrow().contains("disable"));
        assertTrue(PeoplePage.ownLockout(ADMIN, " ROOT ", "admin", false).orElseThrow().contains("administrator"));
        assertEquals(Optional.empty(), PeoplePage.ownLockout(ADMIN, "root", "enabled", true));
        assertEquals(Optional.empty(), PeoplePage.ownLockout(ADMIN, "root", "admin", true));
        assertEquals(Optional.empty(), PeoplePage.ownLockout(ADMIN, "other", "enabled", false));
        assertEquals(Optional.empty(), PeoplePage.ownLockout(ADMIN, "other", "admin", false));
    }

    @Test
    void theClaimsShownAreThosePresentInOidcOrder() {
        Account account = new Account(2L, "sub-2", "ann", "Ann", Optional.empty(), false, false, true,
                new StandardClaims(Optional.of("Ann"), Optional.of("Lee"), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of("en-GB"), Optional.of("+441234"), true,
                        new Address(Optional.empty(), Optional.of("1 High St"), Optional.of("Leeds"),
                                Optional.empty(), Optional.empty(), Optional.of("GB"))), Optional.empty());
        Map<String, String> claims = PeoplePage.claims(account);
        assertEquals(List.of("given_name", "family_name", "locale", "phone_number", "address"),
                List.copyOf(claims.keySet()));
        assertEquals("+441234 (verified)", claims.get("phone_number"));
        assertEquals("1 High St, Leeds, GB", claims.get("address"));
    }

    @Test
    void aPersonsPageIsOnePathSegment() {
        assertEquals("/admin/people/a.b%40example.com", PeoplePage.pageOf("a.b@example.com"));
    }
}
