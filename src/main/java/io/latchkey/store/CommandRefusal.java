package io.latchkey.store;

import java.util.Objects;

/**
 * A command's refusal carried out of its unit of work so that the transaction rolls back: thrown inside
 * {@link Transactions#inTransactionUnlessRefused}, which answers the outcome it carries as a value. It never
 * leaves that method; nothing commits on it.
 */
public final class CommandRefusal extends RuntimeException {
    private final transient Object outcome;

    public CommandRefusal(Object outcome) {
        super(null, null, false, false);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** The refusal as the outcome type of the command that threw it. */
    public <T> T outcome(Class<T> type) {
        return type.cast(outcome);
    }
}
