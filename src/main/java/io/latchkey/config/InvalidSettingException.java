package io.latchkey.config;

/** A setting that stops start-up; the message is one line naming the key and what is wrong. */
public final class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
        super(message, null, false, false);
    }
}
