package io.latchkey.account;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a password sign-in. {@link Failed} carries nothing on purpose: a wrong password, an unknown
 * username and a disabled account look the same to the caller (and take the same time).
 */
public sealed interface SignInResult {

    record Success(Account account) implements SignInResult {
        public Success {
            Objects.requireNonNull(account, "account");
        }
    }

    record Failed() implements SignInResult {
    }

    /** Too many failures for this username or this client address; try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements SignInResult {
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
