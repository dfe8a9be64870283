package io.latchkey.boot;

import io.latchkey.config.InvalidSettingException;
import io.latchkey.config.Settings;

/**
 * {@code scripts/run} calls this before starting Tomcat, so a bad setting stops the command at once with
 * the same one-line message the server would log, instead of a server that starts without Latchkey.
 */
public final class CheckSettings {
    private CheckSettings() {
    }

    public static void main(String[] args) {
        try {
            Settings settings = Settings.load(SettingSources.fromRuntime(false));
            settings.issuer("");
            settings.importFile().ifPresent(file -> ImportFile.read(file, System.getenv(), settings.devMode(),
                    settings.signingAlgorithms(), io.latchkey.config.ServerTokenLifetimes.of(settings)));
        } catch (InvalidSettingException | ImportFile.ImportException e) {
            System.err.println("latchkey: " + e.getMessage());
            System.exit(2);
        }
    }
}
