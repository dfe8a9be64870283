package io.latchkey.it.arquillian;

import org.jboss.arquillian.container.tomcat.managed.Tomcat10ManagedContainer;
import org.jboss.arquillian.container.tomcat.managed.TomcatManagedConfiguration;

/** The managed Tomcat adapter, deploying an archive once for every test class that deploys the same one. */
public final class SharedTomcatDeployment extends SharedDeploymentContainer<TomcatManagedConfiguration> {
    public SharedTomcatDeployment() {
        super(new Tomcat10ManagedContainer());
    }
}
