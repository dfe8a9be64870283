package io.latchkey.security;

import java.util.logging.Logger;

/** Latchkey's loggers: every one carries the {@link RedactingLogFilter}, so redaction is not opt-in. */
public final class RedactedLog {
    private static final RedactingLogFilter FILTER = new RedactingLogFilter();

    private RedactedLog() {
    }

    public static Logger of(Class<?> owner) {
        Logger logger = Logger.getLogger(owner.getName());
        logger.setFilter(FILTER);
        return logger;
    }
}
