package io.latchkey.authorize;

import io.latchkey.client.Client;
import io.latchkey.client.ClientJwks;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The public keys an application's request objects are verified with: its {@code jwks}, or what its
 * {@code jwks_uri} serves, fetched by a {@link JwksFetch} and kept for at most {@link #LIFETIME}. A key id the
 * cached set lacks refetches it, at most once per {@link #REFETCH_AFTER} per URI, so that a client's rotation is
 * seen at once and a stream of made-up key ids cannot make Latchkey hammer the client's server.
 */
public final class RequestObjectKeys {
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    public static final Duration REFETCH_AFTER = Duration.ofSeconds(30);
    /** Bounds the cache; past it the cache starts over (each entry is one application's key set). */
    static final int MAX_CACHED = 512;
    private static final Logger LOG = Logger.getLogger(RequestObjectKeys.class.getName());

    /** Fetches a JWK Set document; throws {@link IOException} with a reason an operator can read. */
    @FunctionalInterface
    public interface JwksFetch {
        String fetch(URI uri) throws IOException;
    }

    private record Cached(ClientJwks keys, Instant fetchedAt) {
    }

    private final JwksFetch fetch;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public RequestObjectKeys(JwksFetch fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * The client's keys; {@code missingKid}: the request object names a key the last answer lacked, so a
     * jwks_uri is fetched again if the cached copy is old enough. Empty when the client has no keys or its
     * jwks_uri cannot be read.
     */
    public Optional<ClientJwks> keys(Client client, boolean missingKid) {
        if (client.signing().jwks().isPresent()) {
            return Optional.of(ClientJwks.parse(client.signing().jwks().get()));
        }
        if (client.signing().jwksUri().isEmpty()) {
            return Optional.empty();
        }
        String uri = client.signing().jwksUri().get();
        Instant now = clock.instant();
        Cached cached = cache.get(uri);
        boolean fresh = cached != null && cached.fetchedAt().plus(LIFETIME).isAfter(now)
                && !(missingKid && cached.fetchedAt().plus(REFETCH_AFTER).isBefore(now));
        if (fresh) {
            return Optional.of(cached.keys());
        }
        try {
            ClientJwks keys = ClientJwks.parse(fetch.fetch(URI.create(uri)));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(uri, new Cached(keys, now));
            return Optional.of(keys);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning(() -> "application " + client.clientId() + ": its jwks_uri could not be used: "
                    + e.getMessage());
            return Optional.empty();
        }
    }
}
