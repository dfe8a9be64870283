package io.latchkey.it.arquillian;

import org.jboss.arquillian.container.spi.client.container.ConfigurationMapper;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.api.Injector;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * An adapter's container that deploys an archive once for all the test classes of a run that deploy the same
 * one (same name, same content: {@link ArchiveIdentity}). Arquillian deploys a class's archive before the class
 * and undeploys it after; here the undeploy only keeps it, the next class's deploy of an identical archive
 * returns the remembered {@link ProtocolMetaData}, a different archive replaces it, and stopping the container
 * undeploys what is left. A redeploy per class cost about 6 s on Tomcat and 9 s on WildFly (new class loader,
 * Hibernate, Flyway validate, import, key ring, posture review, cold JIT) for about 40 classes on each server.
 *
 * <p>What the tests share is what a long-running server shares with its clients: every class already shared the
 * database of the run; now they also share the application's memory (caches, the key ring, the start-up log).
 * A test makes its own accounts, applications and addresses rather than counting on a fresh start.
 */
public abstract class SharedDeploymentContainer<T extends ContainerConfiguration> implements DeployableContainer<T> {
    private final DeployableContainer<T> adapter;

    /** Arquillian injects the services it loads (this one); the adapter inside gets the same injections here. */
    @Inject
    private Instance<Injector> injector;

    private boolean adapterInjected;
    private Archive<?> deployed;
    private ArchiveIdentity deployedIdentity;
    private ProtocolMetaData deployedMetaData;

    @SuppressWarnings("unchecked")
    protected SharedDeploymentContainer(DeployableContainer<?> adapter) {
        this.adapter = (DeployableContainer<T>) adapter;
    }

    @Override
    public Class<T> getConfigurationClass() {
        return adapter.getConfigurationClass();
    }

    @Override
    public ConfigurationMapper<T> getConfigurationMapper() {
        return adapter.getConfigurationMapper();
    }

    @Override
    public void setup(T configuration) {
        injectAdapter();
        adapter.setup(configuration);
    }

    @Override
    public void start() throws LifecycleException {
        injectAdapter();
        adapter.start();
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            if (deployed != null) {
                Archive<?> last = deployed;
                forget();
                adapter.undeploy(last);
            }
        } catch (DeploymentException e) {
            throw new LifecycleException("could not undeploy " + deployedIdentity + " before stopping", e);
        } finally {
            adapter.stop();
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return adapter.getDefaultProtocol();
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (deployed != null && archive == deployed) {
            // the same archive object (Deployments.war() hands out one): no need to read its 50 MB again
            System.out.println("[shared deployment] " + deployedIdentity + " is deployed already: kept for this test class");
            return deployedMetaData;
        }
        ArchiveIdentity identity = ArchiveIdentity.of(archive);
        if (deployed != null && identity.equals(deployedIdentity)) {
            System.out.println("[shared deployment] " + identity + " is deployed already: kept for this test class");
            // this class's own archive object is what Arquillian hands back to undeploy(Archive) after the class
            deployed = archive;
            return deployedMetaData;
        }
        if (deployed != null) {
            Archive<?> previous = deployed;
            System.out.println("[shared deployment] undeploying " + deployedIdentity + " for " + identity);
            forget();
            adapter.undeploy(previous);
        }
        System.out.println("[shared deployment] deploying " + identity);
        ProtocolMetaData metaData = adapter.deploy(archive);
        deployed = archive;
        deployedIdentity = identity;
        deployedMetaData = metaData;
        return metaData;
    }

    /** Keeps the archive deployed for the next test class; one that is not the kept deployment goes. */
    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (archive != deployed) {
            adapter.undeploy(archive);
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void deploy(Descriptor descriptor) throws DeploymentException {
        adapter.deploy(descriptor);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void undeploy(Descriptor descriptor) throws DeploymentException {
        adapter.undeploy(descriptor);
    }

    private void forget() {
        deployed = null;
        deployedIdentity = null;
        deployedMetaData = null;
    }

    private void injectAdapter() {
        if (!adapterInjected) {
            injector.get().inject(adapter);
            adapterInjected = true;
        }
    }
}
