package io.latchkey.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment every integration test uses: the real WAR that {@code mvn package} built, at /latchkey. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive war() {
        return ShrinkWrap.create(ZipImporter.class, "latchkey.war")
                .importFrom(new File("target/latchkey.war"))
                .as(WebArchive.class);
    }
}
