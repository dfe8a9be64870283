package io.latchkey.testing;

import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ClientDirectory} over a map (fosite's {@code storage/memory.go} habit). */
public final class InMemoryClientDirectory implements ClientDirectory {
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    public InMemoryClientDirectory(Client... clients) {
        for (Client client : clients) {
            add(client);
        }
    }

    public InMemoryClientDirectory add(Client client) {
        clients.put(client.clientId(), client);
        return this;
    }

    @Override
    public Optional<Client> find(String clientId) {
        lookups.incrementAndGet();
        return Optional.ofNullable(clients.get(clientId));
    }

    /** How often {@link #find} was called, for tests that check an endpoint did not even look a client up. */
    public int lookups() {
        return lookups.get();
    }
}
