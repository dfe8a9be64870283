package io.latchkey.client;

import java.util.Optional;

/**
 * Finds applications by client_id; the stored implementation caches until the applications' change counter moves
 * (seen within half a second on every node), tests use a map.
 */
@FunctionalInterface
public interface ClientDirectory {
    Optional<Client> find(String clientId);
}
