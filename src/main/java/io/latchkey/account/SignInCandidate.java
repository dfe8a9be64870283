package io.latchkey.account;

import java.util.Optional;

/** What a sign-in needs to know about the account a username names: the account, and its password hash if any. */
public record SignInCandidate(Account account, Optional<String> passwordHash) {
}
