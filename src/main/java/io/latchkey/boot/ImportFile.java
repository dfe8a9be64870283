package io.latchkey.boot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountPolicy;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.TokenLifetimes;
import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.client.ApplicationPolicy;
import io.latchkey.client.ClientSigning;
import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.RequestObjectAlgorithm;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeDefinitionPolicy;
import io.latchkey.error.Violation;
import io.latchkey.key.SigningAlgorithm;
import io.latchkey.security.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code LATCHKEY_IMPORT} (DESIGN §8) strictly: unknown fields, wrong types and policy violations
 * stop start-up with a message naming the entry and the field. {@code ${env:NAME}} in any string value
 * is replaced by that environment variable.
 *
 * <p>This class only parses: JSON syntax, types, unknown fields, defaults, and what the file itself must
 * hold once (client_ids, usernames, scope names). The rules of a scope, an application or an account live in
 * {@link ScopeDefinitionPolicy}, {@link ApplicationPolicy} and {@link AccountPolicy}, shared with everything
 * else that defines them. The first entry that breaks a rule stops the import with one exception listing
 * every violation of that entry, one line each, each a complete
 * {@code LATCHKEY_IMPORT <file>: <entry>.<field> <problem>} message; a parse error stops it at once.
 */
public final class ImportFile {
    /** The parsed file. */
    public record Document(List<ScopeCatalog.Scope> scopes, List<ApplicationDefinition> applications,
                           List<AccountDefinition> users) {
    }

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final Path file;
    private final UnaryOperator<String> environment;
    private final boolean devMode;
    private final Set<SigningAlgorithm> signingAlgorithms;
    private final ServerTokenLifetimes serverLifetimes;

    private ImportFile(Path file, UnaryOperator<String> environment, boolean devMode,
                       Set<SigningAlgorithm> signingAlgorithms, ServerTokenLifetimes serverLifetimes) {
        this.file = file;
        this.environment = environment;
        this.devMode = devMode;
        this.signingAlgorithms = signingAlgorithms;
        this.serverLifetimes = serverLifetimes;
    }

    /**
     * @param devMode {@code LATCHKEY_DEV_MODE}: lets every application type register plain-http loopback
     *                redirect URIs (otherwise only native applications may)
     */
    public static Document read(Path file, Map<String, String> environment, boolean devMode) {
        return read(file, environment, devMode, EnumSet.allOf(SigningAlgorithm.class));
    }

    /**
     * @param signingAlgorithms {@code LATCHKEY_SIGNING_ALGORITHMS}: what an application's
     *                          {@code id_token_signed_response_alg} may name
     */
    public static Document read(Path file, Map<String, String> environment, boolean devMode,
                                Collection<SigningAlgorithm> signingAlgorithms) {
        return read(file, environment, devMode, signingAlgorithms, ServerTokenLifetimes.DEFAULTS);
    }

    /**
     * @param serverLifetimes the server's token lifetimes, which an application's own refresh token lifetimes are
     *                        compared with where it sets only one of them
     */
    public static Document read(Path file, Map<String, String> environment, boolean devMode,
                                Collection<SigningAlgorithm> signingAlgorithms, ServerTokenLifetimes serverLifetimes) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file, text, environment::get, devMode, signingAlgorithms, serverLifetimes);
    }

    static Document parse(Path file, String json, UnaryOperator<String> environment, boolean devMode) {
        return parse(file, json, environment, devMode, EnumSet.allOf(SigningAlgorithm.class));
    }

    static Document parse(Path file, String json, UnaryOperator<String> environment, boolean devMode,
                          Collection<SigningAlgorithm> signingAlgorithms) {
        return parse(file, json, environment, devMode, signingAlgorithms, ServerTokenLifetimes.DEFAULTS);
    }

    static Document parse(Path file, String json, UnaryOperator<String> environment, boolean devMode,
                          Collection<SigningAlgorithm> signingAlgorithms, ServerTokenLifetimes serverLifetimes) {
        return new ImportFile(file, environment, devMode, EnumSet.copyOf(signingAlgorithms), serverLifetimes)
                .document(json);
    }

    private Document document(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (JsonProcessingException e) {
            throw fail("file", "is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw fail("file", "must be a JSON object");
        }
        onlyFields(root, "file", Set.of("scopes", "applications", "users"));
        List<ScopeCatalog.Scope> scopes = new ArrayList<>();
        Set<String> knownScopes = new HashSet<>();
        ScopeCatalog.BUILT_IN.forEach(s -> knownScopes.add(s.name()));
        int index = 0;
        for (JsonNode node : array(root, "scopes", "file")) {
            ScopeCatalog.Scope scope = scope(node, "scopes[" + index++ + "]");
            if (!knownScopes.add(scope.name()) && scopes.stream().anyMatch(s -> s.name().equals(scope.name()))) {
                throw fail("scopes[" + (index - 1) + "]", "name '" + scope.name() + "' is defined twice");
            }
            scopes.add(scope);
        }
        List<ApplicationDefinition> applications = new ArrayList<>();
        Set<String> clientIds = new HashSet<>();
        index = 0;
        for (JsonNode node : array(root, "applications", "file")) {
            ApplicationDefinition application = application(node, "applications[" + index++ + "]", knownScopes);
            if (!clientIds.add(application.clientId())) {
                throw fail("applications[" + (index - 1) + "]", "client_id '" + application.clientId()
                        + "' is defined twice");
            }
            applications.add(application);
        }
        List<AccountDefinition> users = new ArrayList<>();
        Set<String> usernames = new HashSet<>();
        index = 0;
        for (JsonNode node : array(root, "users", "file")) {
            AccountDefinition user = user(node, "users[" + index++ + "]");
            if (!usernames.add(user.username().toLowerCase(Locale.ROOT))) {
                throw fail("users[" + (index - 1) + "]", "username '" + user.username()
                        + "' is defined twice (usernames ignore case)");
            }
            users.add(user);
        }
        return new Document(scopes, applications, users);
    }

    private ScopeCatalog.Scope scope(JsonNode node, String entry) {
        object(node, entry);
        onlyFields(node, entry, Set.of("name", "description", "audience"));
        String name = requiredString(node, entry, "name");
        // The label names the entry by its name, so a name that breaks the rules stops here.
        ScopeDefinitionPolicy.nameProblem(name).ifPresent(problem -> {
            throw fail(entry + ".name", problem);
        });
        String label = entry + " (" + name + ")";
        String description = requiredString(node, label, "description");
        Optional<String> audience = optionalString(node, label, "audience");
        ScopeCatalog.Scope scope = new ScopeCatalog.Scope(name, description, audience);
        return obeying(label, scope, ScopeDefinitionPolicy.check(scope));
    }

    private ApplicationDefinition application(JsonNode node, String entry, Set<String> knownScopes) {
        object(node, entry);
        onlyFields(node, entry, Set.of("client_id", "name", "type", "redirect_uris", "post_logout_redirect_uris",
                "web_origins", "scopes", "default_scopes", "secret", "enabled", "access_tokens", "first_party", "refresh_tokens",
                "introspect_any", "max_token_lifetime_days", "password_grant", "response_types", "access_token_format",
                "pkce", "implicit_by_fragment", "jwks", "jwks_uri", "request_object_signing_alg",
                "id_token_signed_response_alg", "access_token_lifetime", "refresh_token_idle_lifetime",
                "refresh_token_max_lifetime"));
        String clientId = requiredString(node, entry, "client_id");
        // The label names the entry by its client_id, so a client_id that breaks the rules stops here.
        ApplicationPolicy.clientIdProblem(clientId).ifPresent(problem -> {
            throw fail(entry + ".client_id", problem);
        });
        String label = entry + " (" + clientId + ")";
        String typeName = requiredString(node, label, "type");
        ClientType type = ClientType.fromWireName(typeName).orElseThrow(() ->
                fail(label + ".type", oneOf(Stream.of(ClientType.values()).map(ClientType::wireName))));
        String name = optionalString(node, label, "name").orElse(clientId);
        List<String> redirectUris = strings(node, label, "redirect_uris");
        List<String> postLogout = strings(node, label, "post_logout_redirect_uris");
        List<String> webOrigins = strings(node, label, "web_origins");
        Set<String> scopes = new LinkedHashSet<>(strings(node, label, "scopes"));
        Set<String> defaults = node.has("default_scopes")
                ? new LinkedHashSet<>(strings(node, label, "default_scopes")) : scopes;
        Optional<Secret> secret = optionalString(node, label, "secret").map(Secret::of);
        boolean enabled = optionalBoolean(node, label, "enabled").orElse(true);
        AccessTokenPolicy accessTokens = optionalString(node, label, "access_tokens")
                .map(v -> AccessTokenPolicy.fromWireName(v).orElseThrow(() -> fail(label + ".access_tokens",
                        oneOf(Stream.of(AccessTokenPolicy.values()).map(AccessTokenPolicy::wireName)))))
                .orElse(AccessTokenPolicy.NONE);
        boolean firstParty = optionalBoolean(node, label, "first_party").orElse(false);
        boolean refreshTokens = optionalBoolean(node, label, "refresh_tokens").orElse(false);
        boolean introspectAny = optionalBoolean(node, label, "introspect_any").orElse(false);
        int maxTokenDays = optionalInteger(node, label, "max_token_lifetime_days").orElse(90);
        boolean passwordGrant = optionalBoolean(node, label, "password_grant").orElse(false);
        Set<ResponseType> responseTypes = new LinkedHashSet<>(List.of(ResponseType.CODE));
        List<String> requestedTypes = strings(node, label, "response_types");
        for (int i = 0; i < requestedTypes.size(); i++) {
            String field = label + ".response_types[" + i + "]";
            responseTypes.add(ResponseType.parse(requestedTypes.get(i)).orElseThrow(() -> fail(field,
                    oneOf(Stream.of(ResponseType.values()).map(ResponseType::wireName)))));
        }
        String format = optionalString(node, label, "access_token_format").orElse("jwt");
        if (!format.equals("jwt") && !format.equals("reference")) {
            throw fail(label + ".access_token_format", "must be jwt or reference");
        }
        PkcePolicy pkce = optionalString(node, label, "pkce")
                .map(v -> PkcePolicy.fromWireName(v).orElseThrow(() -> fail(label + ".pkce",
                        oneOf(Stream.of(PkcePolicy.values()).map(PkcePolicy::wireName)))))
                .orElse(PkcePolicy.DEFAULT);
        boolean implicitByFragment = optionalBoolean(node, label, "implicit_by_fragment")
                .orElse(ApplicationDefinition.DEFAULT_IMPLICIT_BY_FRAGMENT);
        ApplicationDefinition application = new ApplicationDefinition(clientId, name, type, redirectUris, postLogout,
                webOrigins, scopes, defaults, secret, enabled, accessTokens, firstParty, refreshTokens, introspectAny, maxTokenDays,
                passwordGrant, responseTypes, format.equals("reference"), pkce, implicitByFragment,
                signing(node, label), lifetimes(node, label));
        return obeying(label, application, ApplicationPolicy.check(application, knownScopes, devMode,
                signingAlgorithms, serverLifetimes));
    }

    /** The application's own token lifetimes in seconds, each absent or null for the server's setting. */
    private TokenLifetimes lifetimes(JsonNode node, String label) {
        return TokenLifetimes.ofSeconds(
                optionalInteger(node, label, "access_token_lifetime").map(Integer::longValue).orElse(null),
                optionalInteger(node, label, "refresh_token_idle_lifetime").map(Integer::longValue).orElse(null),
                optionalInteger(node, label, "refresh_token_max_lifetime").map(Integer::longValue).orElse(null));
    }

    /** {@code jwks} (a JSON object), {@code jwks_uri} and the two algorithms of an application entry. */
    private ClientSigning signing(JsonNode node, String label) {
        Optional<String> jwks = Optional.empty();
        if (node.has("jwks")) {
            if (!node.get("jwks").isObject()) {
                throw fail(label + ".jwks", "must be a JWK Set (a JSON object with \"keys\")");
            }
            jwks = Optional.of(node.get("jwks").toString());
        }
        Optional<String> jwksUri = optionalString(node, label, "jwks_uri");
        Optional<RequestObjectAlgorithm> requestObjectAlg = optionalString(node, label, "request_object_signing_alg")
                .map(v -> RequestObjectAlgorithm.fromWireName(v).orElseThrow(() -> fail(
                        label + ".request_object_signing_alg",
                        oneOf(Stream.of(RequestObjectAlgorithm.values()).map(RequestObjectAlgorithm::wireName)))));
        Optional<SigningAlgorithm> idTokenAlg = optionalString(node, label, "id_token_signed_response_alg")
                .map(v -> SigningAlgorithm.byName(v).orElseThrow(() -> fail(label + ".id_token_signed_response_alg",
                        oneOf(Stream.of(SigningAlgorithm.values()).map(SigningAlgorithm::name)))));
        return new ClientSigning(jwks, jwksUri, requestObjectAlg, idTokenAlg);
    }

    private AccountDefinition user(JsonNode node, String entry) {
        object(node, entry);
        Set<String> fields = new HashSet<>(Set.of("username", "password", "name", "email", "email_verified", "admin",
                "enabled", "phone_number_verified", "address"));
        fields.addAll(CLAIM_STRINGS);
        onlyFields(node, entry, fields);
        String username = requiredString(node, entry, "username").trim();
        // The label names the entry by its username, so a username that breaks the rules stops here.
        AccountPolicy.usernameProblem(username).ifPresent(problem -> {
            throw fail(entry + ".username", problem);
        });
        String label = entry + " (" + username + ")";
        Optional<Secret> password = optionalString(node, label, "password").map(Secret::of);
        String name = optionalString(node, label, "name").map(String::trim).orElse(username);
        Optional<String> email = optionalString(node, label, "email").map(String::trim);
        boolean emailVerified = optionalBoolean(node, label, "email_verified").orElse(false);
        boolean admin = optionalBoolean(node, label, "admin").orElse(false);
        boolean enabled = optionalBoolean(node, label, "enabled").orElse(true);
        AccountDefinition user = new AccountDefinition(username, password, name, email, emailVerified, admin, enabled,
                claims(node, label));
        return obeying(label, user, AccountPolicy.check(user));
    }

    /** The string-valued standard claims (OIDC Core §5.1) a user entry may give, by their wire names. */
    static final List<String> CLAIM_STRINGS = StandardClaims.TextClaim.wireNames();
    /** The members of a user entry's {@code address} (OIDC Core §5.1.1). */
    static final List<String> ADDRESS_MEMBERS = List.of("formatted", "street_address", "locality", "region",
            "postal_code", "country");

    private StandardClaims claims(JsonNode node, String label) {
        Address address = Address.NONE;
        JsonNode addressNode = node.get("address");
        if (addressNode != null && !addressNode.isNull()) {
            object(addressNode, label + ".address");
            onlyFields(addressNode, label + ".address", Set.copyOf(ADDRESS_MEMBERS));
            String entry = label + ".address";
            address = new Address(trimmed(addressNode, entry, "formatted"),
                    trimmed(addressNode, entry, "street_address"), trimmed(addressNode, entry, "locality"), trimmed(addressNode, entry, "region"),
                    trimmed(addressNode, entry, "postal_code"), trimmed(addressNode, entry, "country"));
        }
        return StandardClaims.of(claim -> trimmed(node, label, claim.wireName()),
                optionalBoolean(node, label, "phone_number_verified").orElse(false), address);
    }

    private Optional<String> trimmed(JsonNode node, String entry, String field) {
        return optionalString(node, entry, field).map(String::trim);
    }

    /**
     * {@code definition} when its policy found nothing; otherwise stops with every violation of this entry,
     * one line each, worded like every other import error (so the first line alone is a complete message).
     */
    private <T> T obeying(String label, T definition, List<Violation> violations) {
        if (violations.isEmpty()) {
            return definition;
        }
        throw new ImportException(violations.stream()
                .map(v -> message(label + "." + v.field(), v.message()))
                .collect(Collectors.joining("\n")));
    }

    /** The message for a value outside a closed set, listing the set from the enum so the two cannot drift. */
    private static String oneOf(Stream<String> wireNames) {
        return "must be one of " + wireNames.collect(Collectors.joining(", "));
    }

    private Iterable<JsonNode> array(JsonNode parent, String field, String entry) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail(entry.equals("file") ? field : entry + "." + field, "must be an array");
        }
        return node;
    }

    private void object(JsonNode node, String entry) {
        if (!node.isObject()) {
            throw fail(entry, "must be an object");
        }
    }

    private void onlyFields(JsonNode node, String entry, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(entry.equals("file") ? name : entry + "." + name, "is not a known field");
            }
        }
    }

    private String requiredString(JsonNode node, String entry, String field) {
        return optionalString(node, entry, field).orElseThrow(() -> fail(entry + "." + field, "is required"));
    }

    private Optional<String> optionalString(JsonNode node, String entry, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw fail(entry + "." + field, "must be a string");
        }
        String resolved = resolve(value.asText(), entry + "." + field);
        return resolved.isEmpty() ? Optional.empty() : Optional.of(resolved);
    }

    private Optional<Integer> optionalInteger(JsonNode node, String entry, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isInt()) {
            throw fail(entry + "." + field, "must be a whole number");
        }
        return Optional.of(value.asInt());
    }

    private Optional<Boolean> optionalBoolean(JsonNode node, String entry, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw fail(entry + "." + field, "must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    private List<String> strings(JsonNode node, String entry, String field) {
        List<String> values = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array(node, field, entry)) {
            if (!item.isTextual()) {
                throw fail(entry + "." + field + "[" + i + "]", "must be a string");
            }
            values.add(resolve(item.asText(), entry + "." + field + "[" + i + "]"));
            i++;
        }
        return values;
    }

    /** Replaces every {@code ${env:NAME}}; an unset variable is an error naming the field. */
    private String resolve(String value, String field) {
        Matcher matcher = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement = environment.apply(variable);
            if (replacement == null) {
                throw fail(field, "refers to environment variable " + variable + ", which is not set");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private ImportException fail(String field, String problem) {
        return new ImportException(message(field, problem));
    }

    private String message(String field, String problem) {
        return "LATCHKEY_IMPORT " + file + ": " + field + " " + problem;
    }

    /** A bad import file; the message names the entry and field. */
    public static final class ImportException extends RuntimeException {
        public ImportException(String message) {
            super(message, null, false, false);
        }
    }
}
