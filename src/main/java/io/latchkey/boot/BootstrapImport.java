package io.latchkey.boot;

import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationPolicy;
import io.latchkey.client.ApplicationView;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeCommands;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.error.Violation;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ClusterLock;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Applies the standard scopes, {@code LATCHKEY_IMPORT} and the first admin in one transaction at every
 * start-up, under the cluster's start-up lock ({@link ClusterLock#START_UP}): create or update by name, client_id or
 * username, delete nothing; when no admin account exists, create {@code admin} with {@code LATCHKEY_ADMIN_PASSWORD}
 * or a generated password. Every entry goes through the command the admin API uses ({@link ScopeCommands},
 * {@link ApplicationCommands}, {@link AccountCommands}) as {@link Actor#IMPORT}, so the file obeys the same rules and
 * is audited the same way; this class holds no rule of its own. A secret or password the server generates is never
 * logged: it is written once to {@code <data dir>/new-secrets/<client_id>.secret} or
 * {@code <data dir>/new-secrets/admin.password} (owner-only), and only the path is logged.
 *
 * <p>A user's password in the file is a first password: it is set on a new account, or on one that has none, and
 * never replaces a password an account already has (the person may have changed it since; a file applied again, or
 * another file naming the same username, must not silently undo that). One line names the accounts whose password
 * was kept; a password is changed through {@link AccountCommands} (admin API) or by the person.
 */
public final class BootstrapImport {
    public static final String NEW_SECRETS_DIR = "new-secrets";
    /** Where a generated first-admin password is written once (relative to {@link #NEW_SECRETS_DIR}). */
    public static final String ADMIN_PASSWORD_FILE = AccountService.FIRST_ADMIN_USERNAME + ".password";
    private static final Logger LOG = RedactedLog.of(BootstrapImport.class);
    private static final AccountRepository ACCOUNTS = new AccountRepository();

    private BootstrapImport() {
    }

    public static void apply(Transactions transactions, ScopeRegistry standardScopes, ScopeCommands scopes,
                             ApplicationCommands applications, AccountCommands accountCommands,
                             AccountService accounts, Optional<ImportFile.Document> document,
                             Optional<Secret> adminPassword, Path dataDir, Instant now) {
        Map<String, Secret> generated = new LinkedHashMap<>();
        List<String> keptPasswords = new ArrayList<>();
        Optional<Path> adminPasswordFile = transactions.inTransaction(em -> {
            // Nodes starting at the same instant take turns: the later one sees what the first wrote and writes
            // nothing twice (no second copy of a scope, application or admin, no duplicate-key failure).
            ClusterLock.hold(em, ClusterLock.START_UP);
            standardScopes.ensureStandardScopes(em);
            // Each entry through its command, with that command's rules; a refusal rolls the whole import back (no
            // half-applied document). The file was parsed and held to the policies when read, so what is left to
            // refuse here is what only the database knows (a reserved scope, the last administrator).
            if (document.isPresent()) {
                for (ScopeCatalog.Scope scope : document.get().scopes()) {
                    ScopeCommands.Outcome outcome = scopes.createOrUpdate(Actor.IMPORT, em, scope);
                    if (!(outcome instanceof ScopeCommands.Done)) {
                        throw refused("scope " + scope.name(), outcome,
                                outcome instanceof ScopeCommands.Invalid invalid ? invalid.violations() : List.of());
                    }
                }
                em.flush();
                for (ApplicationDefinition application : document.get().applications()) {
                    ApplicationCommands.Outcome outcome = applications.createOrUpdate(Actor.IMPORT, em, application);
                    if (!(outcome instanceof ApplicationCommands.Done done)) {
                        throw refused("application " + application.clientId(), outcome,
                                outcome instanceof ApplicationCommands.Invalid invalid ? invalid.violations()
                                        : List.of());
                    }
                    done.secret().ifPresent(secret -> generated.put(application.clientId(), secret));
                }
                for (AccountDefinition user : document.get().users()) {
                    AccountCommands.Outcome outcome = accountCommands.createOrUpdate(Actor.IMPORT, em,
                            withoutReplacingAPassword(em, user, keptPasswords));
                    if (!(outcome instanceof AccountCommands.Done)) {
                        throw refused("user " + user.username(), outcome,
                                outcome instanceof AccountCommands.Invalid invalid ? invalid.violations() : List.of());
                    }
                }
                em.flush();
            }
            // Written before the commit: if the file cannot be written, no admin exists whose password nobody has.
            return accounts.ensureFirstAdmin(em, adminPassword, now)
                    .map(password -> writeOnce(dataDir.resolve(NEW_SECRETS_DIR), ADMIN_PASSWORD_FILE, password));
        });
        document.ifPresent(d -> LOG.info(() -> "import applied: " + d.scopes().size() + " scopes, "
                + d.applications().size() + " applications, " + d.users().size() + " users"));
        if (!keptPasswords.isEmpty()) {
            LOG.info(() -> "import: kept the password the accounts " + String.join(", ", keptPasswords)
                    + " already have (the import sets a password only on an account that has none)");
        }
        generated.forEach((clientId, secret) -> {
            Path file = writeOnce(dataDir.resolve(NEW_SECRETS_DIR), clientId + ".secret", secret);
            LOG.warning(() -> "generated a client secret for application " + clientId + "; it is shown only in "
                    + file + " (read it once, keep it safe, then delete the file)");
        });
        adminPasswordFile.ifPresent(file -> LOG.warning(() -> "created the first admin account '"
                + AccountService.FIRST_ADMIN_USERNAME + "' with a generated password; it is shown only in " + file
                + " (read it once, keep it safe, then delete the file)"));
    }

    /**
     * One warning line for each protection an operator weakened for a stored application (however it was
     * defined: import file or admin API), so that every start-up names them.
     */
    public static void warnAboutExceptions(ApplicationCatalog catalog) {
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<ApplicationView> found = catalog.list(ApplicationCatalog.Filter.ALL, page);
            for (ApplicationView view : found.items()) {
                for (String warning : ApplicationPolicy.warnings(view.definition())) {
                    LOG.warning(() -> "application " + view.definition().clientId() + ": " + warning);
                }
            }
            if (found.nextAfterKey().isEmpty()) {
                return;
            }
            page = new PageRequest(found.nextAfterKey(), PageRequest.MAX_LIMIT);
        }
    }

    /**
     * {@code user} as the import applies it: without its password when the account exists and has one (its name
     * then goes to {@code kept}), so that the import never replaces a password.
     */
    private static AccountDefinition withoutReplacingAPassword(EntityManager em, AccountDefinition user,
                                                               List<String> kept) {
        boolean hasPassword = ACCOUNTS.findByUsername(em, user.username())
                .map(account -> account.getPasswordHash() != null).orElse(false);
        if (user.password().isEmpty() || !hasPassword) {
            return user;
        }
        kept.add(AccountRepository.normalizeUsername(user.username()));
        return user.withoutPassword();
    }

    /** The import stopped at {@code entry}: each violation on a line of its own, or what else was refused. */
    private static ImportFile.ImportException refused(String entry, Object outcome, List<Violation> violations) {
        return new ImportFile.ImportException(violations.isEmpty()
                ? "LATCHKEY_IMPORT: " + entry + " refused: " + outcome
                : violations.stream().map(v -> "LATCHKEY_IMPORT: " + entry + ": " + v.field() + " " + v.message())
                        .collect(Collectors.joining("\n")));
    }

    private static Path writeOnce(Path dir, String fileName, Secret secret) {
        Path file = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, secret.reveal() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated secret to " + file, e);
        }
    }
}
