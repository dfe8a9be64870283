package io.latchkey.boot;

import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountService;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.ClusterLock;
import io.latchkey.store.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies the standard scopes, {@code LATCHKEY_IMPORT} and the first admin in one transaction at every
 * start-up, under the cluster's start-up lock ({@link ClusterLock#START_UP}): create or update by name, client_id or username, delete nothing; when no admin account exists,
 * create {@code admin} with {@code LATCHKEY_ADMIN_PASSWORD} or a generated password. A secret or password the
 * server generates is never logged: it is written once to {@code <data dir>/new-secrets/<client_id>.secret}
 * or {@code <data dir>/new-secrets/admin.password} (owner-only), and only the path is logged.
 */
public final class BootstrapImport {
    public static final String NEW_SECRETS_DIR = "new-secrets";
    /** Where a generated first-admin password is written once (relative to {@link #NEW_SECRETS_DIR}). */
    public static final String ADMIN_PASSWORD_FILE = AccountService.FIRST_ADMIN_USERNAME + ".password";
    private static final Logger LOG = RedactedLog.of(BootstrapImport.class);

    private BootstrapImport() {
    }

    public static void apply(Transactions transactions, ScopeRegistry scopes, ApplicationCommands applications,
                             AccountService accounts, Optional<ImportFile.Document> document,
                             Optional<Secret> adminPassword, Path dataDir, Instant now) {
        Map<String, Secret> generated = new LinkedHashMap<>();
        Optional<Path> adminPasswordFile = transactions.inTransaction(em -> {
            // Nodes starting at the same instant take turns: the later one sees what the first wrote and writes
            // nothing twice (no second copy of a scope, application or admin, no duplicate-key failure).
            ClusterLock.hold(em, ClusterLock.START_UP);
            scopes.ensureStandardScopes(em);
            if (document.isPresent()) {
                for (ScopeCatalog.Scope scope : document.get().scopes()) {
                    scopes.upsert(em, scope);
                }
                em.flush();
                for (ApplicationDefinition application : document.get().applications()) {
                    ApplicationCommands.Outcome outcome = applications.createOrUpdate(em, application);
                    if (!(outcome instanceof ApplicationCommands.Done done)) {
                        // Rolls the whole import back: the file was checked when read, so this is a scope it
                        // did not define or a race with nothing; either way no half-applied document.
                        throw new ImportFile.ImportException("LATCHKEY_IMPORT: application " + application.clientId()
                                + " refused: " + outcome);
                    }
                    done.secret().ifPresent(secret -> generated.put(application.clientId(), secret));
                }
                for (AccountDefinition user : document.get().users()) {
                    accounts.upsert(em, user, now);
                }
                em.flush();
            }
            // Written before the commit: if the file cannot be written, no admin exists whose password nobody has.
            return accounts.ensureFirstAdmin(em, adminPassword, now)
                    .map(password -> writeOnce(dataDir.resolve(NEW_SECRETS_DIR), ADMIN_PASSWORD_FILE, password));
        });
        document.ifPresent(d -> LOG.info(() -> "import applied: " + d.scopes().size() + " scopes, "
                + d.applications().size() + " applications, " + d.users().size() + " users"));
        generated.forEach((clientId, secret) -> {
            Path file = writeOnce(dataDir.resolve(NEW_SECRETS_DIR), clientId + ".secret", secret);
            LOG.warning(() -> "generated a client secret for application " + clientId + "; it is shown only in "
                    + file + " (read it once, keep it safe, then delete the file)");
        });
        adminPasswordFile.ifPresent(file -> LOG.warning(() -> "created the first admin account '"
                + AccountService.FIRST_ADMIN_USERNAME + "' with a generated password; it is shown only in " + file
                + " (read it once, keep it safe, then delete the file)"));
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
