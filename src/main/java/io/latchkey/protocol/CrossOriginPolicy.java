package io.latchkey.protocol;

import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.client.WebOrigins;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which browser pages may read the answers of which endpoint (the Fetch standard's CORS protocol), decided in one
 * place; {@link CrossOriginFilter} only copies the decision into headers. Pure Java, no JAX-RS.
 *
 * <ul>
 * <li>Discovery and JWKS are public documents: any origin ({@code Access-Control-Allow-Origin: *}).</li>
 * <li>The token and revocation endpoints know the client only from the body. A preflight (which has no body) is
 * allowed for the web origins of every public application together; the answer itself carries
 * {@code Access-Control-Allow-Origin} only when the request identifies a public application by its
 * {@code client_id} without authenticating (no {@code Authorization} header, no {@code client_secret} or
 * {@code client_assertion}: a confidential client's request never gets CORS), that application is enabled, and
 * it lists the request's origin ({@link WebOrigins}). Its error answers too, so the page can read the error.</li>
 * <li>Userinfo and token info take a bearer access token and no ambient credential (no cookie): their answers are
 * readable only by whoever already holds the token. They allow the web origins of every public application
 * together, without checking which application the token was issued to.</li>
 * <li>Nothing else (the authorization, logout and page endpoints are navigations, not fetches; introspection is
 * for confidential resource servers).</li>
 * </ul>
 * Credentials mode is never allowed ({@code Access-Control-Allow-Credentials} is never sent): nothing here relies
 * on cookies, and an unknown origin gets no CORS header at all (the request itself is answered as usual).
 */
public final class CrossOriginPolicy {
    /** How long a browser may reuse a preflight's answer: an origin removed by an operator stops working after it. */
    public static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    /** The endpoints that answer cross-origin fetches, each with the methods and request headers it takes. */
    public enum Endpoint {
        DISCOVERY(Audience.ANY_ORIGIN, List.of("GET"), List.of(), List.of()),
        JWKS(Audience.ANY_ORIGIN, List.of("GET"), List.of(), List.of()),
        TOKEN(Audience.IDENTIFIED_PUBLIC_CLIENT, List.of("POST"), List.of("Content-Type"), List.of()),
        REVOCATION(Audience.IDENTIFIED_PUBLIC_CLIENT, List.of("POST"), List.of("Content-Type"), List.of()),
        USERINFO(Audience.PUBLIC_CLIENTS, List.of("GET", "POST"), List.of("Authorization", "Content-Type"),
                List.of("WWW-Authenticate")),
        TOKEN_INFO(Audience.PUBLIC_CLIENTS, List.of("GET"), List.of("Authorization"), List.of("WWW-Authenticate"));

        private final Audience audience;
        private final List<String> methods;
        private final List<String> requestHeaders;
        private final List<String> exposedHeaders;

        Endpoint(Audience audience, List<String> methods, List<String> requestHeaders, List<String> exposedHeaders) {
            this.audience = audience;
            this.methods = methods;
            this.requestHeaders = requestHeaders;
            this.exposedHeaders = exposedHeaders;
        }

        /** The methods the endpoint answers, {@code OPTIONS} included (for the {@code Allow} header). */
        public List<String> allow() {
            return java.util.stream.Stream.concat(methods.stream(), java.util.stream.Stream.of("OPTIONS")).toList();
        }
    }

    private enum Audience { ANY_ORIGIN, PUBLIC_CLIENTS, IDENTIFIED_PUBLIC_CLIENT }

    /**
     * What the body of a token or revocation request says about its client: the {@code client_id} it names, and
     * whether it authenticates (then it is a confidential client, or pretends to be one).
     */
    public record BodyClient(Optional<String> clientId, boolean authenticates) {
        public static final BodyClient NONE = new BodyClient(Optional.empty(), false);
    }

    private final ClientDirectory clients;
    private final Supplier<Set<String>> publicOrigins;

    /**
     * @param publicOrigins the web origins of every enabled public application together (cached by the caller)
     */
    public CrossOriginPolicy(ClientDirectory clients, Supplier<Set<String>> publicOrigins) {
        this.clients = clients;
        this.publicOrigins = publicOrigins;
    }

    /** The CORS headers of the answer to a preflight ({@code OPTIONS} with {@code origin}); empty map: none. */
    public Map<String, String> preflight(Endpoint endpoint, Optional<String> origin) {
        Optional<String> allowed = switch (endpoint.audience) {
            case ANY_ORIGIN -> origin.map(o -> "*");
            case PUBLIC_CLIENTS, IDENTIFIED_PUBLIC_CLIENT -> origin.filter(publicOrigins.get()::contains);
        };
        if (allowed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", allowed.get());
        headers.put("Access-Control-Allow-Methods", String.join(", ", endpoint.methods));
        if (!endpoint.requestHeaders.isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(", ", endpoint.requestHeaders));
        }
        headers.put("Access-Control-Max-Age", Long.toString(PREFLIGHT_MAX_AGE.toSeconds()));
        return headers;
    }

    /**
     * The CORS headers of the answer to a request from {@code origin} ({@code body} for the token and revocation
     * endpoints, {@link BodyClient#NONE} otherwise); empty map: none.
     */
    public Map<String, String> answer(Endpoint endpoint, Optional<String> origin, BodyClient body) {
        Optional<String> allowed = switch (endpoint.audience) {
            case ANY_ORIGIN -> origin.map(o -> "*");
            case PUBLIC_CLIENTS -> origin.filter(publicOrigins.get()::contains);
            case IDENTIFIED_PUBLIC_CLIENT -> origin.filter(o -> !body.authenticates() && body.clientId()
                    .flatMap(clients::find)
                    .filter(Client::enabled)
                    .map(WebOrigins::of)
                    .filter(origins -> origins.contains(o))
                    .isPresent());
        };
        if (allowed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", allowed.get());
        if (!endpoint.exposedHeaders.isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(", ", endpoint.exposedHeaders));
        }
        return headers;
    }
}
