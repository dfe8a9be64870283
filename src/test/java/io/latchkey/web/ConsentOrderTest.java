package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.consent.ScopeCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsentOrderTest {
    private static final List<String> EXPECTED = List.of("openid", "profile", "email", "address", "phone",
            "billing:read", "orders:read", "orders:write", "offline_access");

    private static List<String> ordered(List<String> names) {
        return ConsentOrder.of(names.stream().map(n -> new ScopeCatalog.Scope(n, n, Optional.empty())).toList())
                .stream().map(ScopeCatalog.Scope::name).toList();
    }

    @Test
    void signYouInComesFirstThenWhoYouAreThenTheApplicationsScopesThenForHowLong() {
        List<String> reversed = new ArrayList<>(EXPECTED);
        Collections.reverse(reversed);
        assertEquals(EXPECTED, ordered(reversed));
    }

    @Test
    void theOrderDoesNotDependOnTheRequest() {
        Random random = new Random(13);
        for (int i = 0; i < 50; i++) {
            List<String> shuffled = new ArrayList<>(EXPECTED);
            Collections.shuffle(shuffled, random);
            assertEquals(EXPECTED, ordered(shuffled), shuffled.toString());
        }
    }

    @Test
    void keepsTheDescriptions() {
        ScopeCatalog.Scope openid = ScopeCatalog.STANDARD.get(0);
        assertEquals(List.of(openid, new ScopeCatalog.Scope("orders:read", "Read your orders", Optional.empty())),
                ConsentOrder.of(List.of(new ScopeCatalog.Scope("orders:read", "Read your orders", Optional.empty()),
                        openid)));
        assertEquals("Sign you in", openid.description());
    }
}
