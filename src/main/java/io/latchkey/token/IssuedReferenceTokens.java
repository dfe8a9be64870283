package io.latchkey.token;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.Slice;
import io.latchkey.store.ReferenceTokenEntity;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.TokenState;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everyone's personal and service access tokens, for administrators: listed with filters and revoked by their
 * public id (the 8 characters the owner's page shows; never the value or the hash). Revoking is the same
 * conditional update as a person revoking their own token ({@link ReferenceTokenRepository#revoke}), after which
 * verification and introspection treat the token as inactive.
 *
 * <p>Revoking is idempotent: a token already revoked answers {@link Revoked} again, with {@code justNow} false
 * and the time of the first revocation; of two revocations at the same instant exactly one has {@code justNow}.
 * The token stays listed (state {@link TokenState#REVOKED}), so answering "not found" would be wrong. The
 * revocation's audit event ({@code reference_token.revoked}) is written in the revocation's own transaction.
 */
public final class IssuedReferenceTokens {
    private static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9_-]{8}");
    private static final List<String> PERSONAL_AND_SERVICE = List.of("pat", "sat");

    /**
     * Which tokens to list. {@code account}: tokens acting as that person (their PATs, opaque access tokens issued
     * to them) and tokens they issued (SATs). Without a {@code kind}, personal and service tokens (not the
     * short-lived opaque access tokens of grants, which {@code kind = AT} lists). {@code state} at the time of the
     * listing.
     */
    public record Filter(Optional<String> accountSubject, Optional<String> clientId,
                         Optional<ReferenceToken.Kind> kind, Optional<TokenState> state) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        public Filter {
            Objects.requireNonNull(accountSubject, "accountSubject");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(state, "state");
        }
    }

    /** A person a token names: by subject (stable) and username (what operators read). */
    public record Person(String subject, String username) {
    }

    /**
     * One token as the listing shows it. {@code actsAs} is the person a PAT (or an opaque access token) acts as,
     * empty for a SAT (it acts as the application); {@code issuedBy} is who made it by hand (PAT, SAT).
     */
    public record TokenRecord(String id, ReferenceToken.Kind kind, String name, String clientId,
                              Optional<String> applicationName, Optional<Person> actsAs, Optional<Person> issuedBy,
                              Set<String> scopes, Instant createdAt, Instant expiresAt, Optional<Instant> lastUsedAt,
                              Optional<Instant> revokedAt, TokenState state) {
        public TokenRecord {
            scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
        }

        /** {@code reference_token:<public id>}, as the audit trail names it. */
        public String target() {
            return IssuedReferenceTokens.target(id);
        }
    }

    /** What a revocation answered. */
    public sealed interface Outcome permits Revoked, NotFound, Ambiguous {
    }

    /** The token is revoked: by this call ({@code justNow}) or already before it. */
    public record Revoked(TokenRecord token, boolean justNow) implements Outcome {
    }

    /** No token has this public id. */
    public record NotFound(String id) implements Outcome {
    }

    /** Several tokens share this public id (hashes alike in their first 48 bits): nothing was revoked. */
    public record Ambiguous(String id) implements Outcome {
    }

    private final Transactions transactions;
    private final ReferenceTokenRepository tokens;
    private final AuditTrail audit;
    private final Clock clock;

    public IssuedReferenceTokens(Transactions transactions, ReferenceTokenRepository tokens, AuditTrail audit,
                                 Clock clock) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether {@code key} is a page key this listing hands out; check before paging on. */
    public static boolean isPageKey(String key) {
        return after(key).isPresent();
    }

    /**
     * One page of the tokens the filter selects, newest first (ties by public id). An unknown person has no
     * tokens. The page key must pass {@link #isPageKey}.
     */
    public Page<TokenRecord> list(Filter filter, PageRequest page) {
        Optional<ReferenceTokenRepository.After> after = page.afterKey().map(key -> after(key).orElseThrow(
                () -> new IllegalArgumentException("not a page key of the token listing")));
        List<String> kinds = filter.kind().map(kind -> List.of(kind.name().toLowerCase(Locale.ROOT)))
                .orElse(PERSONAL_AND_SERVICE);
        Instant now = clock.instant();
        List<TokenRecord> fetched = transactions.inTransaction(em -> tokens.page(em, kinds, filter.accountSubject(),
                filter.clientId(), filter.state(), now, after, page.limit() + 1)).stream()
                .map(listed -> record(listed, now)).toList();
        return Page.of(fetched, page, token -> token.createdAt() + "/" + token.id());
    }

    /**
     * The tokens the filter selects from position {@code offset} (newest first, from 0), at most {@code limit},
     * with how many it selects in all: one bounded query and one count.
     */
    public Slice<TokenRecord> slice(Filter filter, int offset, int limit) {
        List<String> kinds = filter.kind().map(kind -> List.of(kind.name().toLowerCase(Locale.ROOT)))
                .orElse(PERSONAL_AND_SERVICE);
        Instant now = clock.instant();
        return transactions.inTransaction(em -> new Slice<>(tokens.slice(em, kinds, filter.accountSubject(),
                filter.clientId(), filter.state(), now, offset, limit), offset, tokens.count(em, kinds,
                filter.accountSubject(), filter.clientId(), filter.state(), now))).map(listed -> record(listed, now));
    }

    /** The one token with this public id as the listing shows it; empty when there is none or several share it. */
    public Optional<TokenRecord> find(String id) {
        if (!PUBLIC_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<ReferenceTokenRepository.Listed> found = transactions.inTransaction(em -> tokens.byPublicId(em, id, 2));
        return found.size() == 1 ? Optional.of(record(found.get(0), now)) : Optional.empty();
    }

    /** Revokes the token with this public id, whoever it belongs to. */
    public Outcome revoke(Actor actor, String id) {
        Outcome outcome = PUBLIC_ID.matcher(id).matches() ? revoking(actor, id) : new NotFound(id);
        String target = target(id);
        // A revocation's event went with it; a refusal, which changed nothing, is recorded on its own.
        if (outcome instanceof Ambiguous) {
            audit.record(AuditEvent.failure(actor, "reference_token.revoked", target,
                    "several tokens have this id; none was revoked"));
        } else if (outcome instanceof NotFound) {
            audit.record(AuditEvent.failure(actor, "reference_token.revoked", target, "no such token"));
        }
        return outcome;
    }

    private Outcome revoking(Actor actor, String id) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> {
            List<ReferenceTokenRepository.Listed> found = tokens.byPublicId(em, id, 2);
            if (found.isEmpty()) {
                return new NotFound(id);
            }
            if (found.size() > 1) {
                return new Ambiguous(id);
            }
            ReferenceTokenEntity token = found.get(0).token();
            boolean justNow = tokens.revoke(em, token.getTokenHash(), now);
            // The bulk update bypassed the loaded row: read what is stored now (a concurrent revocation's time).
            em.refresh(token);
            Revoked revoked = new Revoked(record(found.get(0), now), justNow);
            audit.record(em, revokedEvent(actor, revoked));
            return revoked;
        });
    }

    private static AuditEvent revokedEvent(Actor actor, Revoked revoked) {
        TokenRecord token = revoked.token();
        return AuditEvent.success(actor, "reference_token.revoked", token.target(), List.of(), (revoked.justNow()
                ? "revoked " : "already revoked at " + token.revokedAt().orElseThrow() + ": ")
                + token.kind() + " \"" + token.name() + "\" for " + token.clientId()
                + token.actsAs().map(person -> " acting as account " + person.subject()).orElse(""));
    }

    static String target(String id) {
        return "reference_token:" + id;
    }

    private static Optional<ReferenceTokenRepository.After> after(String key) {
        int slash = key.lastIndexOf('/');
        if (slash < 0 || !PUBLIC_ID.matcher(key.substring(slash + 1)).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReferenceTokenRepository.After(Instant.parse(key.substring(0, slash)),
                    key.substring(slash + 1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static TokenRecord record(ReferenceTokenRepository.Listed listed, Instant now) {
        ReferenceTokenEntity t = listed.token();
        Optional<Person> actsAs = listed.ownerSubject().map(subject -> new Person(subject,
                listed.ownerUsername().orElseThrow()));
        Optional<Person> issuedBy = listed.creatorSubject().map(subject -> new Person(subject,
                listed.creatorUsername().orElseThrow()));
        return new TokenRecord(ReferenceToken.idOf(t.getTokenHash()),
                ReferenceToken.Kind.valueOf(t.getKind().toUpperCase(Locale.ROOT)), t.getName(), t.getClientId(),
                listed.applicationName(), actsAs, issuedBy,
                new TreeSet<>(Arrays.asList(t.getScope().isEmpty() ? new String[0] : t.getScope().split(" "))),
                t.getCreatedAt(), t.getExpiresAt(), Optional.ofNullable(t.getLastUsedAt()),
                Optional.ofNullable(t.getRevokedAt()), TokenState.of(t.getRevokedAt(), t.getExpiresAt(), now));
    }
}
