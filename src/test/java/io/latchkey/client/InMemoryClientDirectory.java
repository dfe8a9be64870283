package io.latchkey.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link ClientDirectory} over a map, counting look-ups so tests can tell whether one happened. */
public final class InMemoryClientDirectory implements ClientDirectory {
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private int lookups;

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
        lookups++;
        return Optional.ofNullable(clients.get(clientId));
    }

    public int lookups() {
        return lookups;
    }
}
