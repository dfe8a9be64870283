package io.latchkey.account;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import java.util.List;

/**
 * The audit event of a password sign-in: {@code sign_in} done by the account (target {@code account:<subject>}),
 * {@code sign_in} failed or {@code sign_in.throttled} by someone not known (target {@code sign_in}). A failure
 * names no username: what was typed there may be a password typed in the wrong field.
 */
public final class SignInEvents {
    public static final String SIGN_IN = "sign_in";
    public static final String THROTTLED = "sign_in.throttled";

    private SignInEvents() {
    }

    /** {@code how} says which way the person signed in, e.g. {@code the sign-in form}. */
    public static AuditEvent of(SignInResult result, String how, String requestId, String clientAddress) {
        if (result instanceof SignInResult.Success success) {
            return AuditEvent.success(Actor.account(success.account().subject(), requestId, clientAddress), SIGN_IN,
                    "account:" + success.account().subject(), List.of(), "with a password on " + how);
        }
        if (result instanceof SignInResult.Throttled throttled) {
            return AuditEvent.failure(Actor.anonymous(requestId, clientAddress), THROTTLED, SIGN_IN,
                    "too many failures for the username or the address on " + how + "; refused for "
                            + Math.max(1, throttled.retryAfter().toSeconds()) + " s");
        }
        return AuditEvent.failure(Actor.anonymous(requestId, clientAddress), SIGN_IN, SIGN_IN,
                "wrong username or password, or a disabled account, on " + how);
    }
}
