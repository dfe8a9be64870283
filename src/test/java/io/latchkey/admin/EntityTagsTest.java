package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"0\"|0", "\"17\"|17", " \"3\" |3", "W/\"1\", \"2\"|2", "\"x\", \"4\"|4"})
    void readsTheVersionOfAStrongTag(String ifMatch, long version) {
        assertEquals(version, EntityTags.requiredVersion(ifMatch));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "*"})
    void withoutAVersionTheRequestMustBeConditional(String ifMatch) {
        assertEquals(ProblemType.PRECONDITION_REQUIRED,
                assertThrows(AdminProblem.class, () -> EntityTags.requiredVersion(ifMatch)).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"0\"", "0", "\"abc\"", "\"-1\"", "\"1", "\"99999999999999999999\""})
    void aTagThatNamesNoVersionNeverMatches(String ifMatch) {
        assertEquals(ProblemType.PRECONDITION_FAILED,
                assertThrows(AdminProblem.class, () -> EntityTags.requiredVersion(ifMatch)).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\", \"2\""})
    void severalVersionsAreRefused(String ifMatch) {
        assertEquals(ProblemType.INVALID_REQUEST,
                assertThrows(AdminProblem.class, () -> EntityTags.requiredVersion(ifMatch)).type());
    }
}
