package io.latchkey.posture;

import io.latchkey.authorize.RedirectUriPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * In production mode, a redirect or post-logout redirect URI that production would not register (plain http, which
 * development mode lets every type register: {@link RedirectUriPolicy#registrationProblem}), or a loopback host for
 * an application that is not native (only native applications receive redirects on the device itself,
 * RFC 8252 §7.3). High: codes and tokens travel in the clear or to whatever listens on the server's own machine.
 * Not checked in development mode, which permits them on purpose.
 */
public final class InsecureRedirectUris implements PostureRule {
    public static final String ID = "insecure_redirect_uris";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        List<Finding> findings = new ArrayList<>();
        if (state.devMode()) {
            return findings;
        }
        for (PostureState.ApplicationUse use : state.applications()) {
            ApplicationDefinition definition = use.application().definition();
            List<String> redirects = insecure(definition.redirectUris(), definition.type());
            List<String> logouts = insecure(definition.postLogoutRedirectUris(), definition.type());
            if (redirects.isEmpty() && logouts.isEmpty()) {
                continue;
            }
            List<Finding.Fact> evidence = new ArrayList<>();
            redirects.forEach(uri -> evidence.add(Finding.Fact.of("redirect_uri", uri)));
            logouts.forEach(uri -> evidence.add(Finding.Fact.of("post_logout_redirect_uri", uri)));
            findings.add(new Finding(ID, Severity.HIGH, Finding.Subject.application(use.clientId()),
                    use.clientId() + " has plain-http or loopback redirect URIs in production",
                    evidence, Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                            Map.of("redirect_uris", kept(definition.redirectUris(), redirects),
                                    "post_logout_redirect_uris", kept(definition.postLogoutRedirectUris(), logouts)),
                            "Remove them (register the application's https URIs instead)")));
        }
        return findings;
    }

    private static List<String> insecure(List<String> uris, ClientType type) {
        return uris.stream().filter(uri -> RedirectUriPolicy.registrationProblem(uri, type, false).isPresent()
                || (type != ClientType.NATIVE && loopback(uri))).toList();
    }

    private static boolean loopback(String uri) {
        try {
            String host = new URI(uri).getHost();
            return host != null && (LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) || host.startsWith("127."));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> kept(List<String> uris, List<String> removed) {
        return uris.stream().filter(uri -> !removed.contains(uri)).toList();
    }
}
