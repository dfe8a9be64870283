package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTokensPageTest {

    @ParameterizedTest
    @CsvSource({"1,1", "30,30", "' 7 ',7", "036500,36500", "36500,36500"})
    void readsAWholeNumberOfDaysWithinBounds(String field, long days) {
        assertEquals(days, AccountTokensPage.days(field));
    }

    /** The 106751991167301 overflowed Duration.ofDays into a 500; every out-of-bounds number is a 400. */
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"106751991167301", "9223372036854775807", "9223372036854775808", "36501", "0", "-1", "+5",
            "1e3", "1.5", "30 days", "\u0661\u0662", "0x10"})
    void refusesAnythingElseAsAnInvalidRequest(String field) {
        OAuthException e = assertThrows(OAuthException.class, () -> AccountTokensPage.days(field));

        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("lifetime_days must be a whole number of days from 1 to 36500", e.error().description());
    }
}
