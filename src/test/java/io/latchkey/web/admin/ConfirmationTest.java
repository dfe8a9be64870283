package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.FormParameters;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfirmationTest {
    private static final Confirmation DELETION = new Confirmation("the thing is to be deleted");

    /** The page shown again: what it was asked to show, and with which status. */
    private final List<Map<String, Object>> shownAgain = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private final AtomicBoolean commanded = new AtomicBoolean();
    private final Response commandAnswer = Response.seeOther(java.net.URI.create("/admin/things")).build();

    private Response post(FormParameters form) {
        return DELETION.then(form, (extra, status) -> {
            shownAgain.add(extra);
            statuses.add(status);
            return Response.status(status).build();
        }, () -> {
            commanded.set(true);
            return commandAnswer;
        });
    }

    @Test
    void aTickedBoxRunsTheCommandAndAnswersWithItsAnswer() {
        assertSame(commandAnswer, post(FormParameters.of(Map.of("confirm", "yes", "version", "3"))));

        assertTrue(commanded.get());
        assertEquals(List.of(), shownAgain, "the page is not shown again");
    }

    static Stream<Map<String, String>> untickedForms() {
        return Stream.of(Map.of(), Map.of("confirm", ""), Map.of("confirm", "no"), Map.of("confirm", "YES"),
                Map.of("confirm", "yes "), Map.of("confirmed", "yes"));
    }

    @ParameterizedTest
    @MethodSource("untickedForms")
    void anUntickedBoxShowsThePageAgainAsking400AndRunsNothing(Map<String, String> form) {
        Response answer = post(FormParameters.of(form));

        assertFalse(commanded.get(), "the command did not run");
        assertEquals(400, answer.getStatus());
        assertEquals(List.of(Map.of("problem", "Tick the box to confirm that the thing is to be deleted.")),
                shownAgain);
        assertEquals(List.of(400), statuses);
    }
}
