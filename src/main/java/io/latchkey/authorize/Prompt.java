package io.latchkey.authorize;

import io.latchkey.error.OAuthException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** OpenID Connect Core §3.1.2.1 {@code prompt} values. */
public enum Prompt {
    NONE, LOGIN, CONSENT, SELECT_ACCOUNT;

    /** "If this parameter contains none with any other value, an error is returned." */
    public static Set<Prompt> parse(String value) {
        Set<Prompt> prompts = EnumSet.noneOf(Prompt.class);
        for (String token : value.split(" ", -1)) {
            switch (token) {
                case "none" -> prompts.add(NONE);
                case "login" -> prompts.add(LOGIN);
                case "consent" -> prompts.add(CONSENT);
                case "select_account" -> prompts.add(SELECT_ACCOUNT);
                default -> throw OAuthException.invalidRequest("prompt value is not supported");
            }
        }
        if (prompts.contains(NONE) && prompts.size() > 1) {
            throw OAuthException.invalidRequest("prompt=none cannot be combined with other values");
        }
        return prompts;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
