package io.latchkey.it.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The shared deployment's bookkeeping, against an adapter that only records what it is asked to do. */
class SharedDeploymentContainerTest {
    private final RecordingAdapter adapter = new RecordingAdapter();
    private final SharedDeploymentContainer<ContainerConfiguration> container = new SharedDeploymentContainer<>(adapter) {
    };

    private static WebArchive war(String name, String page) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addAsWebResource(new StringAsset(page), "index.html")
                .addAsWebInfResource(new StringAsset("<web-app/>"), "web.xml");
    }

    @Test
    void theSameArchiveOfEveryClassIsDeployedOnceAndUndeployedAtStop() throws Exception {
        ProtocolMetaData first = container.deploy(war("app.war", "hello"));
        container.undeploy(adapter.deployed.get(0));
        WebArchive again = war("app.war", "hello");
        assertSame(first, container.deploy(again), "the next class gets the same deployment's metadata");
        container.undeploy(again);
        assertEquals(List.of("deploy app.war"), adapter.calls);

        container.stop();
        assertEquals(List.of("deploy app.war", "undeploy app.war", "stop"), adapter.calls);
        assertSame(again, adapter.undeployed.get(0));
    }

    @Test
    void theSameArchiveObjectIsKeptWithoutReadingItAgain() throws Exception {
        int[] reads = {0};
        WebArchive war = war("app.war", "hello").add(() -> {
            reads[0]++;
            return new ByteArrayInputStream(new byte[] {1, 2, 3});
        }, "counted.bin");
        container.deploy(war);
        container.undeploy(war);
        container.deploy(war);
        container.undeploy(war);
        assertEquals(1, reads[0], "read once, for its identity");
        assertEquals(List.of("deploy app.war"), adapter.calls);
    }

    @Test
    void anotherArchiveOrOtherContentReplacesTheDeployedOne() throws Exception {
        container.deploy(war("app.war", "hello"));
        container.deploy(war("app.war", "hello, changed"));
        container.deploy(war("other.war", "hello, changed"));
        assertEquals(List.of("deploy app.war", "undeploy app.war", "deploy app.war", "undeploy app.war",
                "deploy other.war"), adapter.calls);
    }

    @Test
    void anArchiveThatIsNotTheKeptOneIsUndeployedForReal() throws Exception {
        container.deploy(war("app.war", "hello"));
        container.undeploy(war("failed.war", "never kept"));
        assertEquals(List.of("deploy app.war", "undeploy failed.war"), adapter.calls);
    }

    @Test
    void theIdentityIsTheNameAndEveryEntrysPathAndBytes() {
        assertEquals(ArchiveIdentity.of(war("app.war", "hello")), ArchiveIdentity.of(war("app.war", "hello")));
        assertNotEquals(ArchiveIdentity.of(war("app.war", "hello")), ArchiveIdentity.of(war("app.war", "hellO")));
        assertNotEquals(ArchiveIdentity.of(war("app.war", "hello")), ArchiveIdentity.of(war("app2.war", "hello")));
        assertNotEquals(ArchiveIdentity.of(war("app.war", "hello")),
                ArchiveIdentity.of(war("app.war", "hello").addAsWebResource(new StringAsset(""), "empty.txt")));
        WebArchive moved = ShrinkWrap.create(WebArchive.class, "app.war")
                .addAsWebResource(new StringAsset("hello"), "other.html")
                .addAsWebInfResource(new StringAsset("<web-app/>"), "web.xml");
        assertNotEquals(ArchiveIdentity.of(war("app.war", "hello")), ArchiveIdentity.of(moved));
    }

    private static final class RecordingAdapter implements DeployableContainer<ContainerConfiguration> {
        final List<String> calls = new ArrayList<>();
        final List<Archive<?>> deployed = new ArrayList<>();
        final List<Archive<?>> undeployed = new ArrayList<>();

        @Override
        public Class<ContainerConfiguration> getConfigurationClass() {
            return ContainerConfiguration.class;
        }

        @Override
        public ProtocolDescription getDefaultProtocol() {
            return new ProtocolDescription("Local");
        }

        @Override
        public ProtocolMetaData deploy(Archive<?> archive) {
            calls.add("deploy " + archive.getName());
            deployed.add(archive);
            return new ProtocolMetaData();
        }

        @Override
        public void undeploy(Archive<?> archive) {
            calls.add("undeploy " + archive.getName());
            undeployed.add(archive);
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    }
}
