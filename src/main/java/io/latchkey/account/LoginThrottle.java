package io.latchkey.account;

import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.LoginThrottleEntity;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Exponential back-off after failed sign-ins, per username and per client address, counted in the database so
 * every node sees the same numbers. A username is throttled the same whether or not an account has it, so the
 * throttle tells nobody which usernames exist.
 *
 * <p>Policy: the first {@value #FREE_ACCOUNT_FAILURES} consecutive failures for a username are free; each
 * further one blocks it for 2^(failures-5) s, at most {@link #MAX_BLOCK}. A client address gets
 * {@value #FREE_ADDRESS_FAILURES} free failures, then the same curve (IPv6 counts per /64, which one client
 * usually holds whole). A counter untouched for {@link #FORGET_AFTER} starts again from zero.
 */
public final class LoginThrottle {
    public static final int FREE_ACCOUNT_FAILURES = 5;
    public static final int FREE_ADDRESS_FAILURES = 20;
    public static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    public static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int KEY_LENGTH = 200;
    private static final int ATTEMPTS = 3;
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[?[0-9A-Fa-f:.]+(%[^\\]]*)?]?");
    private static final Logger LOG = RedactedLog.of(LoginThrottle.class);

    private final Transactions transactions;
    private final LoginThrottleRepository repository;
    private final Clock clock;

    public LoginThrottle(Transactions transactions, LoginThrottleRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
    }

    /** How long sign-in stays blocked for this username or this address (the longer of both), if at all. */
    public Optional<Duration> blockedFor(String username, String clientAddress) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> {
            Duration account = remaining(repository.find(em, accountKey(username)), now);
            Duration address = remaining(repository.find(em, addressKey(clientAddress)), now);
            Duration longer = account.compareTo(address) >= 0 ? account : address;
            return longer.isZero() ? Optional.empty() : Optional.of(longer);
        });
    }

    public void recordFailure(String username, String clientAddress) {
        Instant now = clock.instant();
        retrying(em -> {
            // Always the account row first, then the address row: one lock order on every node.
            fail(em, accountKey(username), FREE_ACCOUNT_FAILURES, now);
            fail(em, addressKey(clientAddress), FREE_ADDRESS_FAILURES, now);
        });
        if (ThreadLocalRandom.current().nextInt(256) == 0) {
            forgetStale();
        }
    }

    /** Clears the username's counter; the address counter goes too unless it has already blocked once. */
    public void recordSuccess(String username, String clientAddress) {
        retrying(em -> {
            repository.delete(em, accountKey(username));
            String address = addressKey(clientAddress);
            if (repository.find(em, address).filter(row -> row.getBlockedUntil() == null).isPresent()) {
                repository.delete(em, address);
            }
        });
    }

    /** Deletes counters nobody touched for {@link #FORGET_AFTER} (they count as zero anyway). */
    public int forgetStale() {
        Instant before = clock.instant().minus(FORGET_AFTER);
        return transactions.inTransaction(em -> repository.deleteUpdatedBefore(em, before));
    }

    /** The block after the {@code failures}-th consecutive failure when the first {@code free} cost nothing. */
    static Optional<Duration> blockAfter(int failures, int free) {
        int over = failures - free;
        if (over <= 0) {
            return Optional.empty();
        }
        if (over >= 30) {
            return Optional.of(MAX_BLOCK);
        }
        Duration block = Duration.ofSeconds(1L << over);
        return Optional.of(block.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : block);
    }

    static String accountKey(String username) {
        return key("account:", AccountRepository.normalizeUsername(username));
    }

    static String addressKey(String clientAddress) {
        return key("ip:", normalizeAddress(clientAddress.trim()));
    }

    private void fail(EntityManager em, String key, int free, Instant now) {
        LoginThrottleEntity row = repository.findForUpdate(em, key)
                .orElseGet(() -> new LoginThrottleEntity(key, 0, null, now));
        int failures = forgotten(row, now) ? 1 : row.getFailures() + 1;
        row.setFailures(failures);
        row.setBlockedUntil(blockAfter(failures, free).map(now::plus).orElse(null));
        row.setUpdatedAt(now);
        repository.save(em, row);
    }

    private static Duration remaining(Optional<LoginThrottleEntity> row, Instant now) {
        return row.filter(r -> !forgotten(r, now) && r.getBlockedUntil() != null && r.getBlockedUntil().isAfter(now))
                .map(r -> Duration.between(now, r.getBlockedUntil()))
                .orElse(Duration.ZERO);
    }

    private static boolean forgotten(LoginThrottleEntity row, Instant now) {
        return !row.getUpdatedAt().plus(FORGET_AFTER).isAfter(now);
    }

    /** Two nodes may insert the same new key at once; the loser retries and then finds the row. */
    private void retrying(Consumer<EntityManager> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.run(work);
                return;
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.fine(() -> "login throttle update conflicted, retrying: " + e.getClass().getSimpleName());
            }
        }
    }

    private static String key(String prefix, String value) {
        String key = prefix + value;
        return key.length() <= KEY_LENGTH ? key : prefix + "sha256:" + Secret.of(value).hashed();
    }

    /** IPv4 as given; an IPv6 literal as its /64 prefix (an IPv4-mapped one as the IPv4 address). */
    private static String normalizeAddress(String address) {
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address.toLowerCase(Locale.ROOT);
        }
        String literal = address.replace("[", "").replace("]", "");
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            // A string with ':' is parsed as an IPv6 literal, never looked up in DNS.
            InetAddress parsed = InetAddress.getByName(literal);
            if (parsed instanceof Inet4Address) {
                return parsed.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address.toLowerCase(Locale.ROOT);
        }
    }
}
