package io.latchkey.key;

import io.latchkey.audit.Actor;
import io.latchkey.audit.StoredAuditTrail;
import io.latchkey.boot.SettingSources;
import io.latchkey.config.InvalidSettingException;
import io.latchkey.config.Settings;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.DatabaseUrl;
import io.latchkey.store.SigningKeyRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Master-key rotation, the command {@code scripts/reseal-master-key} runs with every node stopped: opens the configured
 * database (the settings of the server: {@code LATCHKEY_DB_URL} etc., else H2 in {@code LATCHKEY_DATA_DIR}), opens
 * every signing key with the current master key ({@code LATCHKEY_MASTER_KEY}, else {@code master.key} in the data
 * directory) and re-seals it under the new one ({@link KeyRotation#reseal}, all or nothing), then checks that the new
 * key opens every key. The new key is read from a file (base64 of 32 bytes, as {@code LATCHKEY_MASTER_KEY}), never from
 * the command line.
 */
public final class ResealMasterKey {
    private ResealMasterKey() {
    }

    public static void main(String[] arguments) {
        if (arguments.length != 1) {
            System.err.println("usage: ResealMasterKey <file holding the new master key, base64 of 32 bytes>");
            System.exit(2);
        }
        try {
            Settings settings = Settings.load(SettingSources.fromRuntime(false));
            byte[] oldKey = settings.masterKey().orElseGet(() -> {
                Path file = settings.dataDir().resolve(MasterKeyFile.FILE_NAME);
                if (!Files.exists(file)) {
                    throw new IllegalStateException("no LATCHKEY_MASTER_KEY and no " + file
                            + ": which master key are the signing keys sealed under?");
                }
                return MasterKeyFile.read(file);
            });
            byte[] newKey = MasterKeyFile.read(Path.of(arguments[0]));
            try (Database database = settings.dbUrl().isPresent()
                    ? Database.open(settings.dbUrl().get(), settings.dbUser(), settings.dbPassword().reveal().toCharArray())
                    : Database.open(DatabaseUrl.embedded(settings.dataDir()), "", new char[0])) {
                int count = reseal(database, oldKey, newKey, Clock.systemUTC());
                System.out.println("latchkey: " + count + " signing keys re-sealed under the new master key. Start every"
                        + " node with it now (LATCHKEY_MASTER_KEY, or the master.key file of each data directory).");
            } finally {
                Arrays.fill(oldKey, (byte) 0);
                Arrays.fill(newKey, (byte) 0);
            }
        } catch (InvalidSettingException | IllegalStateException | KeyCipher.KeyDecryptionException e) {
            System.err.println("latchkey: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Re-seals every signing key of {@code database} sealed under {@code oldKey} under {@code newKey}, audited as the
     * system; nothing changes when {@code oldKey} does not open one of them ({@link KeyCipher.KeyDecryptionException}).
     * Answers how many keys were re-sealed, after checking that {@code newKey} opens them all.
     */
    public static int reseal(Database database, byte[] oldKey, byte[] newKey, Clock clock) {
        if (Arrays.equals(oldKey, newKey)) {
            throw new IllegalStateException("the new master key is the current one");
        }
        KeyCipher newCipher = new KeyCipher(newKey);
        StoredAuditTrail audit = new StoredAuditTrail(database.transactions(), new AuditEventRepository(),
                java.time.Duration.ofDays(3650), clock);
        KeySchedule schedule = KeySchedule.standard(java.time.Duration.ofHours(1));
        ConfigurationChanges changes = ConfigurationChanges.stored(database.transactions(), clock);
        int count = new KeyRotation(database.transactions(), new SigningKeyRepository(), new KeyCipher(oldKey), changes,
                schedule, audit).reseal(Actor.SYSTEM, newCipher);
        database.transactions().run(em -> new SigningKeyRepository().published(em).stream()
                .filter(key -> key.getPrivateKeySealed() != null)
                .forEach(key -> Arrays.fill(newCipher.decrypt(key.getPrivateKeySealed(), key.getKid()), (byte) 0)));
        return count;
    }
}
