package io.latchkey.account;

import io.latchkey.testing.InMemoryThrottleStorage;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** {@link ThrottleStorageContract} in memory: the storage LoginThrottleTest runs on is faithful. */
class InMemoryThrottleStorageTest extends ThrottleStorageContract {
    private InMemoryThrottleStorage storage;

    @BeforeEach
    void freshStorage() {
        storage = new InMemoryThrottleStorage();
    }

    @Override
    ThrottleStorage storage() {
        return storage;
    }

    @Override
    SignInCandidate storedCandidate() {
        String username = "p-" + UUID.randomUUID();
        SignInCandidate candidate = new SignInCandidate(new Account(7L, "subject-7", username, username,
                Optional.empty(), false, false, true), Optional.empty());
        storage.putCandidate(username, candidate);
        return candidate;
    }
}
