package io.latchkey.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment every integration test uses: the real WAR that {@code mvn package} built, at /latchkey. It is
 * one archive object for the whole run, which the shared deployment (it/arquillian) deploys once and keeps for
 * every class; never modify it: a test that needs another deployment builds its own archive under another name.
 */
public final class Deployments {
    private static WebArchive war;

    private Deployments() {
    }

    public static synchronized WebArchive war() {
        if (war == null) {
            war = ShrinkWrap.create(ZipImporter.class, "latchkey.war")
                    .importFrom(new File("target/latchkey.war"))
                    .as(WebArchive.class);
        }
        return war;
    }
}
