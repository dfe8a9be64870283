package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTokensPageTest {

    @ParameterizedTest
    @CsvSource({"1,1", "30,30", "' 7 ',7", "036500,36500", "36500,36500"})
    void readsAWholeNumberOfDaysWithinBounds(String field, long days) {
        assertEquals(OptionalLong.of(days), AccountTokensPage.days(field));
    }

    /**
     * The 106751991167301 overflowed Duration.ofDays into a 500; every out-of-bounds number is no number of
     * days (the form then marks the field).
     */
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"106751991167301", "9223372036854775807", "9223372036854775808", "36501", "0", "-1", "+5",
            "1e3", "1.5", "30 days", "\u0661\u0662", "0x10"})
    void readsAnythingElseAsNoNumberOfDays(String field) {
        assertEquals(OptionalLong.empty(), AccountTokensPage.days(field));
    }

    @Test
    void suggestsTheUsualLifetimesUpToTheApplicationsCapAndTheCap() {
        assertEquals(List.of(1L, 7L, 30L, 90L), AccountTokensPage.lifetimesWithin(90));
        assertEquals(List.of(1L, 7L, 30L, 45L), AccountTokensPage.lifetimesWithin(45));
        assertEquals(List.of(1L), AccountTokensPage.lifetimesWithin(1));
        assertEquals(List.of(1L, 7L, 30L, 90L, 180L, 365L, 3650L), AccountTokensPage.lifetimesWithin(3650));
    }
}
