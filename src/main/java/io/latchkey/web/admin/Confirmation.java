package io.latchkey.web.admin;

import io.latchkey.client.FormParameters;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The console's confirm-then-command flow for what cannot be undone (a delete, a key revocation): the command runs
 * only when the form's box {@code confirm=yes} is ticked; otherwise the page is shown again (400) with one sentence
 * asking for the tick, naming what would happen, and nothing changes. Every such form uses one of these, so the
 * rule and its sentence are written once.
 *
 * @param consequence what the command does, as the end of "Tick the box to confirm that …", without the full stop
 */
record Confirmation(String consequence) {

    /** The page shown again with a problem sentence ({@code extra}'s {@code problem}) and a status. */
    @FunctionalInterface
    interface PageAgain {
        Response show(Map<String, Object> extra, int status);
    }

    Confirmation {
        Objects.requireNonNull(consequence, "consequence");
    }

    /** Whether the form's confirmation box is ticked. */
    private static boolean ticked(FormParameters form) {
        return "yes".equals(form.get("confirm").orElse(""));
    }

    /** The sentence the page shows when the box was not ticked. */
    String request() {
        return "Tick the box to confirm that " + consequence + ".";
    }

    /** The command's answer when {@code form}'s box is ticked; otherwise {@code again} asking for the tick, 400. */
    Response then(FormParameters form, PageAgain again, Supplier<Response> command) {
        if (!ticked(form)) {
            return again.show(Map.of("problem", request()), 400);
        }
        return command.get();
    }
}
