package io.latchkey.testing;

import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ClientDirectory} over a map (fosite's {@code storage/memory.go} habit). */
public final class InMemoryClientDirectory implements ClientDirectory {
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

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
        return Optional.ofNullable(clients.get(clientId));
    }
}
