package io.latchkey.it.arquillian;

import org.jboss.as.arquillian.container.managed.ManagedContainerConfiguration;
import org.jboss.as.arquillian.container.managed.ManagedDeployableContainer;

/** The managed WildFly adapter, deploying an archive once for every test class that deploys the same one. */
public final class SharedWildFlyDeployment extends SharedDeploymentContainer<ManagedContainerConfiguration> {
    public SharedWildFlyDeployment() {
        super(new ManagedDeployableContainer());
    }
}
