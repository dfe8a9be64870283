package io.latchkey.client;

import java.util.Optional;

/** Finds applications by client_id; the stored implementation caches briefly, tests use a map. */
@FunctionalInterface
public interface ClientDirectory {
    Optional<Client> find(String clientId);
}
