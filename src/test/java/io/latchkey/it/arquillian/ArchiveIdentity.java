package io.latchkey.it.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.Asset;

/**
 * What makes two archives the same deployment: the name (the context path) and a SHA-256 over every entry's
 * path and content digest in path order (directories by path only). Exported ZIP bytes would not do: entry times differ.
 */
record ArchiveIdentity(String name, String sha256) {
    static ArchiveIdentity of(Archive<?> archive) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        Map<String, Node> entries = new TreeMap<>();
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            entries.put(entry.getKey().get(), entry.getValue());
        }
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            Asset asset = entry.getValue().getAsset();
            if (asset == null) {
                digest.update((byte) 'd');
                continue;
            }
            digest.update((byte) 'f');
            MessageDigest content = newDigest();
            try (InputStream in = asset.openStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    content.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry.getKey() + " of " + archive.getName(), e);
            }
            digest.update(content.digest());
        }
        return new ArchiveIdentity(archive.getName(), HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (sha256 " + sha256.substring(0, 12) + ")";
    }
}
