package io.latchkey.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An application as an operator reads it: its definition (never a secret: {@link ApplicationDefinition#secret()}
 * is always empty here), its version (what the next change must present), when it was created and last changed,
 * and its secrets by id and lifetime, never by value or hash.
 */
public record ApplicationView(ApplicationDefinition definition, long version, Instant createdAt, Instant updatedAt,
                              List<SecretView> secrets) {
    public ApplicationView {
        Objects.requireNonNull(definition, "definition");
        if (definition.secret().isPresent()) {
            throw new IllegalArgumentException("a view never carries a secret");
        }
        secrets = List.copyOf(secrets);
    }

    /**
     * One secret of the application: the current one has no end; a previous one works until {@code expiresAt}
     * (its overlap) and is kept listed after that.
     */
    public record SecretView(long id, Instant createdAt, Optional<Instant> expiresAt, Optional<Instant> lastUsedAt) {
        public boolean current() {
            return expiresAt.isEmpty();
        }
    }
}
