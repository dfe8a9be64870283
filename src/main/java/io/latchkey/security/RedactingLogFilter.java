package io.latchkey.security;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * A second line of defence behind the redacted {@link Secret} type: installed on Latchkey's loggers, it
 * rewrites any JWT-shaped or Latchkey-token-shaped text in a log line before a handler sees it.
 */
public final class RedactingLogFilter implements Filter {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern REFERENCE_TOKEN = Pattern.compile("lk_(pat|sat|at|rt)_[A-Za-z0-9]{20,}");
    private static final Pattern BASIC_CREDENTIALS = Pattern.compile("(?i)(basic\\s+)[A-Za-z0-9+/=_-]{8,}");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message != null) {
            record.setMessage(redact(message));
        }
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            Object[] copy = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                copy[i] = parameters[i] instanceof Secret || parameters[i] == null
                        ? parameters[i] : redact(String.valueOf(parameters[i]));
            }
            record.setParameters(copy);
        }
        return true;
    }

    public static String redact(String text) {
        String out = JWT.matcher(text).replaceAll("[redacted-jwt]");
        out = REFERENCE_TOKEN.matcher(out).replaceAll("[redacted-token]");
        return BASIC_CREDENTIALS.matcher(out).replaceAll("$1[redacted]");
    }
}
