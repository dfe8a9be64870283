package io.latchkey.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import io.latchkey.store.InteractionEntity;
import io.latchkey.store.InteractionRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Authorization requests waiting for the person (sign-in, consent), in the database so any node can
 * continue them. Each is bound to the browser that started it: only the same browser cookie opens it.
 */
public final class Interactions {
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    /** Marks a pending request whose sign-in step is done (prompt=login and max_age are then satisfied). */
    static final String LOGIN_DONE = "__latchkey_login_done";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The size of the column that holds a pending request. */
    private static final int MAX_STORED_LENGTH = 8192;

    private final Transactions transactions;
    private final InteractionRepository repository;
    private final Clock clock;

    public Interactions(Transactions transactions, InteractionRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
    }

    /** A pending request as stored. */
    public record Pending(String clientId, RequestParameters parameters, boolean loginDone) {
    }

    public String create(Secret browser, String clientId, RequestParameters parameters, boolean loginDone) {
        return transactions.inTransaction(em -> create(em, browser, clientId, parameters, loginDone));
    }

    /** {@link #create(Secret, String, RequestParameters, boolean)} in the caller's transaction (it exists once that commits). */
    public String create(EntityManager em, Secret browser, String clientId, RequestParameters parameters,
                         boolean loginDone) {
        Instant now = clock.instant();
        String id = RandomValues.base64Url(256);
        Map<String, String> values = new java.util.LinkedHashMap<>(parameters.singleValues());
        if (loginDone) {
            values.put(LOGIN_DONE, "true");
        }
        String json;
        try {
            json = JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (json.length() > MAX_STORED_LENGTH) {
            throw OAuthException.invalidRequest("the authorization request is too large");
        }
        InteractionEntity entity = new InteractionEntity(Secret.of(id).hashed(), browser.hashed(), clientId, json, now,
                now.plus(LIFETIME));
        repository.add(em, entity);
        return id;
    }

    /** The pending request, if it exists, is unexpired and belongs to this browser. */
    public Optional<Pending> find(String id, Secret browser) {
        Instant now = clock.instant();
        String idHash = Secret.of(id).hashed();
        return transactions.read(connection -> repository.find(connection, idHash))
                .filter(e -> now.isBefore(e.getExpiresAt()))
                .filter(e -> browser.matchesHash(e.getBrowserHash()))
                .map(Interactions::toPending);
    }

    /** Ends a pending request (the consent page's answer); true only for the one caller that removed it. */
    public boolean finish(String id) {
        return transactions.inTransaction(em -> finish(em, id));
    }

    /** {@link #finish(String)} in the caller's transaction (it counts once that commits). */
    public boolean finish(EntityManager em, String id) {
        return repository.delete(em, Secret.of(id).hashed());
    }

    private static Pending toPending(InteractionEntity entity) {
        try {
            Map<String, String> values = JSON.readValue(entity.getRequestJson(), new TypeReference<Map<String, String>>() { });
            boolean loginDone = "true".equals(values.remove(LOGIN_DONE));
            return new Pending(entity.getClientId(), RequestParameters.ofSingleValues(values), loginDone);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored interaction is not valid JSON", e);
        }
    }
}
