package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.testing.GrantWorld;
import org.junit.jupiter.api.BeforeEach;

/** {@link GrantStorageContract} on {@code testing.InMemoryGrantStorage}: the grant unit tests' storage is faithful. */
class InMemoryGrantStorageTest extends GrantStorageContract {
    private GrantWorld world;

    @BeforeEach
    void newWorld() {
        world = new GrantWorld();
    }

    @Override
    protected GrantStorage storage() {
        return world.storage;
    }

    @Override
    protected Account person() {
        return world.person();
    }

    @Override
    protected long auditEvents(String action, String target) {
        return world.storage.eventsWithAction(action).stream().filter(event -> event.target().equals(target)).count();
    }

    @Override
    protected void storeRetiredRefreshToken(String tokenHash, String familyId, String clientId) {
        world.storage.putRetiredRefreshToken(tokenHash, familyId, clientId);
    }

    @Override
    protected boolean isRevoked(String jti) {
        return world.storage.isRevoked(jti);
    }
}
