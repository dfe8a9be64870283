package io.latchkey.boot;

import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Applies the standard scopes and {@code LATCHKEY_IMPORT} in one transaction at every start-up: create or
 * update by name or client_id, delete nothing. A secret the server generates is never logged: it is
 * written once to {@code <data dir>/new-secrets/<client_id>.secret} (owner-only), and only the path is logged.
 */
public final class BootstrapImport {
    public static final String NEW_SECRETS_DIR = "new-secrets";
    private static final Logger LOG = RedactedLog.of(BootstrapImport.class);

    private BootstrapImport() {
    }

    public static void apply(Transactions transactions, ScopeRegistry scopes, ApplicationRegistry applications,
                             Optional<ImportFile.Document> document, Path dataDir) {
        Map<String, Secret> generated = new LinkedHashMap<>();
        transactions.run(em -> {
            scopes.ensureStandardScopes(em);
            if (document.isEmpty()) {
                return;
            }
            for (ScopeCatalog.Scope scope : document.get().scopes()) {
                scopes.upsert(em, scope);
            }
            em.flush();
            for (ApplicationDefinition application : document.get().applications()) {
                ApplicationRegistry.Applied applied = applications.upsert(em, application);
                applied.generatedSecret().ifPresent(secret -> generated.put(application.clientId(), secret));
            }
        });
        document.ifPresent(d -> {
            LOG.info(() -> "import applied: " + d.scopes().size() + " scopes, " + d.applications().size()
                    + " applications");
            if (d.users() > 0) {
                LOG.warning(() -> "import names " + d.users() + " users; accounts arrive with the sign-in slice "
                        + "and are not created yet");
            }
        });
        generated.forEach((clientId, secret) -> {
            Path file = writeOnce(dataDir.resolve(NEW_SECRETS_DIR), clientId, secret);
            LOG.warning(() -> "generated a client secret for application " + clientId + "; it is shown only in "
                    + file + " (read it once, keep it safe, then delete the file)");
        });
    }

    private static Path writeOnce(Path dir, String clientId, Secret secret) {
        Path file = dir.resolve(clientId + ".secret");
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
            throw new UncheckedIOException("cannot write the generated secret of " + clientId + " to " + file, e);
        }
    }
}
