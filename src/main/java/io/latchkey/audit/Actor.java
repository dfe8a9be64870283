package io.latchkey.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Who did something the audit trail records, and from where: a person's account (by subject), an application
 * (by client_id), the import file at start-up, the server itself, or someone not (yet) known (a failed sign-in).
 * {@code requestId} and {@code clientAddress} are those of the HTTP request that carried the change, when there
 * was one.
 */
public record Actor(Kind kind, String id, Optional<String> requestId, Optional<String> clientAddress) {

    public enum Kind {
        ACCOUNT("account"), APPLICATION("application"), IMPORT("import"), SYSTEM("system"), ANONYMOUS("anonymous");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The import file applied at start-up. */
    public static final Actor IMPORT = new Actor(Kind.IMPORT, "", Optional.empty(), Optional.empty());
    /** The server on its own (start-up, key rotation, cleanup, reuse detection). */
    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "", Optional.empty(), Optional.empty());

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    /** A person, by the subject of their account, in the request {@code requestId} from {@code clientAddress}. */
    public static Actor account(String subject, String requestId, String clientAddress) {
        return new Actor(Kind.ACCOUNT, subject, Optional.ofNullable(requestId), Optional.ofNullable(clientAddress));
    }

    /** An application, by client_id, in the request {@code requestId} from {@code clientAddress}. */
    public static Actor application(String clientId, String requestId, String clientAddress) {
        return new Actor(Kind.APPLICATION, clientId, Optional.ofNullable(requestId),
                Optional.ofNullable(clientAddress));
    }

    /** Someone not known (yet), in the request {@code requestId} from {@code clientAddress}. */
    public static Actor anonymous(String requestId, String clientAddress) {
        return new Actor(Kind.ANONYMOUS, "", Optional.ofNullable(requestId), Optional.ofNullable(clientAddress));
    }

    /** {@code account:<subject>}, {@code application:<client_id>}, {@code import}, {@code system}, {@code anonymous}. */
    public String name() {
        return id.isEmpty() ? kind.wireName() : kind.wireName() + ":" + id;
    }
}
