package io.latchkey.it.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Keeps one deployment of the same archive for the whole failsafe run instead of one per test class: replaces
 * the adapter's {@link DeployableContainer} by a {@link SharedDeploymentContainer} around it. Each failsafe
 * execution has only one adapter on its classpath (pom.xml), so only the one present is replaced.
 */
public final class SharedDeploymentExtension implements LoadableExtension {
    static final String TOMCAT = "org.jboss.arquillian.container.tomcat.managed.Tomcat10ManagedContainer";
    static final String WILDFLY = "org.jboss.as.arquillian.container.managed.ManagedDeployableContainer";

    /** {@code -Dit.deployment.shared=false}: a deployment per test class again, as Arquillian does by default. */
    static final String SWITCH = "it.deployment.shared";

    @Override
    public void register(ExtensionBuilder builder) {
        if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
            return;
        }
        if (present(TOMCAT)) {
            builder.override(DeployableContainer.class,
                    org.jboss.arquillian.container.tomcat.managed.Tomcat10ManagedContainer.class,
                    SharedTomcatDeployment.class);
        }
        if (present(WILDFLY)) {
            builder.override(DeployableContainer.class,
                    org.jboss.as.arquillian.container.managed.ManagedDeployableContainer.class,
                    SharedWildFlyDeployment.class);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SharedDeploymentExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
