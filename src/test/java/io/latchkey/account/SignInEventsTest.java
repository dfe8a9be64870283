package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit events of password sign-ins: who, on what, and never what was typed. */
class SignInEventsTest {
    private static final Account ALICE = new Account(7L, "sub-alice", "alice", "Alice", Optional.empty(), false,
            false, true);

    @Test
    void aSuccessIsTheAccountsOwnEvent() {
        assertEquals(AuditEvent.success(Actor.account("sub-alice", "req-1", "192.0.2.1"), "sign_in",
                        "account:sub-alice", List.of(), "with a password on the sign-in form"),
                SignInEvents.of(new SignInResult.Success(ALICE), "the sign-in form", "req-1", "192.0.2.1"));
    }

    @Test
    void aFailureAndAThrottledAttemptAreAnonymousFailures() {
        assertEquals(AuditEvent.failure(Actor.anonymous("req-2", "192.0.2.2"), "sign_in", "sign_in",
                        "wrong username or password, or a disabled account, on the sign-in form"),
                SignInEvents.of(new SignInResult.Failed(), "the sign-in form", "req-2", "192.0.2.2"));
        assertEquals(AuditEvent.failure(Actor.anonymous("req-3", "192.0.2.3"), "sign_in.throttled", "sign_in",
                        "too many failures for the username or the address on the sign-in form; refused for 90 s"),
                SignInEvents.of(new SignInResult.Throttled(Duration.ofSeconds(90)), "the sign-in form", "req-3",
                        "192.0.2.3"));
    }
}
