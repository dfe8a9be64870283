package io.latchkey.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientSigning;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeDefinitionPolicy;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationEntity;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ScopeEntity;
import io.latchkey.store.ScopeRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Optional;

/**
 * The whole configuration as an import document ({@code LATCHKEY_IMPORT}, DESIGN §8), in exactly the format
 * {@link ImportFile} reads: configuration as code. Importing an export into an empty database and exporting again
 * gives an equal document.
 *
 * <p>It holds no secret, hash or password: an imported confidential application without a secret gets a generated
 * one (written once to {@code new-secrets/}), an imported account keeps the password it has or has none. It leaves
 * out what the import may not define: Latchkey's own admin scopes. Every field is written, defaults too, in a stable
 * order: scopes by name, applications by client_id, users by username; within an entry the fields in the order of the
 * import file's documentation, sets sorted, redirect URIs in their order.
 */
public final class ConfigurationExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Transactions transactions;
    private final ScopeRepository scopes;
    private final ApplicationRepository applications;
    private final AccountRepository accounts;

    public ConfigurationExport(Transactions transactions, ScopeRepository scopes, ApplicationRepository applications,
                               AccountRepository accounts) {
        this.transactions = transactions;
        this.scopes = scopes;
        this.applications = applications;
        this.accounts = accounts;
    }

    /** The import document, read in one transaction (one consistent view). */
    public ObjectNode document() {
        return transactions.inTransaction(this::document);
    }

    /** {@link #document()} as indented JSON text. */
    public String json() {
        try {
            return JSON.writeValueAsString(document()) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode document(EntityManager em) {
        ObjectNode document = JSON.createObjectNode();
        ArrayNode scopeEntries = document.putArray("scopes");
        for (ScopeEntity entity : scopes.all(em)) {
            ScopeCatalog.Scope scope = new ScopeCatalog.Scope(entity.getName(), entity.getDescription(),
                    Optional.ofNullable(entity.getAudience()));
            if (ScopeDefinitionPolicy.checkReserved(scope, false).isEmpty()) {
                scopeEntries.add(scope(scope));
            }
        }
        ArrayNode applicationEntries = document.putArray("applications");
        for (ApplicationEntity entity : applications.allByClientId(em)) {
            applicationEntries.add(application(ApplicationCommands.definitionOf(entity)));
        }
        ArrayNode userEntries = document.putArray("users");
        for (AccountEntity account : accounts.all(em)) {
            userEntries.add(user(account));
        }
        return document;
    }

    private static ObjectNode scope(ScopeCatalog.Scope scope) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("name", scope.name());
        entry.put("description", scope.description());
        scope.audience().ifPresent(audience -> entry.put("audience", audience));
        return entry;
    }

    private static ObjectNode application(ApplicationDefinition application) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("client_id", application.clientId());
        entry.put("name", application.name());
        entry.put("type", application.type().wireName());
        strings(entry.putArray("redirect_uris"), application.redirectUris());
        strings(entry.putArray("post_logout_redirect_uris"), application.postLogoutRedirectUris());
        if (!application.webOrigins().isEmpty()) {
            // Only when explicit: none means the redirect URIs' origins, and an import of this file keeps it so.
            strings(entry.putArray("web_origins"), application.webOrigins());
        }
        strings(entry.putArray("scopes"), application.scopes().stream().sorted().toList());
        strings(entry.putArray("default_scopes"), application.defaultScopes().stream().sorted().toList());
        entry.put("enabled", application.enabled());
        entry.put("access_tokens", application.accessTokens().wireName());
        entry.put("first_party", application.firstParty());
        entry.put("refresh_tokens", application.refreshTokens());
        entry.put("introspect_any", application.introspectAny());
        entry.put("max_token_lifetime_days", application.maxReferenceTokenDays());
        entry.put("password_grant", application.passwordGrant());
        strings(entry.putArray("response_types"),
                application.responseTypes().stream().map(ResponseType::wireName).sorted().toList());
        entry.put("access_token_format", application.referenceAccessTokens() ? "reference" : "jwt");
        entry.put("pkce", application.pkce().wireName());
        entry.put("implicit_by_fragment", application.implicitByFragment());
        signing(entry, application.signing());
        // Only the lifetimes of its own: an absent one is the server's setting wherever the file is imported.
        application.lifetimes().accessToken().ifPresent(d -> entry.put("access_token_lifetime", d.toSeconds()));
        application.lifetimes().refreshIdle().ifPresent(d -> entry.put("refresh_token_idle_lifetime", d.toSeconds()));
        application.lifetimes().refreshMax().ifPresent(d -> entry.put("refresh_token_max_lifetime", d.toSeconds()));
        return entry;
    }

    /** Only what the application registered: an absent field means the default. */
    private static void signing(ObjectNode entry, ClientSigning signing) {
        signing.jwks().ifPresent(jwks -> {
            try {
                entry.set("jwks", JSON.readTree(jwks));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored jwks is not JSON", e);
            }
        });
        signing.jwksUri().ifPresent(uri -> entry.put("jwks_uri", uri));
        signing.requestObjectAlgorithm().ifPresent(alg -> entry.put("request_object_signing_alg", alg.wireName()));
        signing.idTokenAlgorithm().ifPresent(alg -> entry.put("id_token_signed_response_alg", alg.name()));
    }

    private static ObjectNode user(AccountEntity account) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("username", account.getUsername());
        entry.put("name", account.getDisplayName() != null ? account.getDisplayName() : account.getUsername());
        if (account.getEmail() != null) {
            entry.put("email", account.getEmail());
        }
        entry.put("email_verified", account.isEmailVerified());
        entry.put("admin", account.isAdmin());
        entry.put("enabled", account.isEnabled());
        StandardClaims claims = account.getClaims();
        for (StandardClaims.TextClaim claim : StandardClaims.TextClaim.values()) {
            optional(entry, claim.wireName(), claim.of(claims));
        }
        if (claims.phoneNumber().isPresent()) {
            entry.put("phone_number_verified", claims.phoneNumberVerified());
        }
        Address address = claims.address();
        if (!address.isEmpty()) {
            ObjectNode written = entry.putObject("address");
            optional(written, "formatted", address.formatted());
            optional(written, "street_address", address.streetAddress());
            optional(written, "locality", address.locality());
            optional(written, "region", address.region());
            optional(written, "postal_code", address.postalCode());
            optional(written, "country", address.country());
        }
        return entry;
    }

    private static void optional(ObjectNode entry, String field, Optional<String> value) {
        value.ifPresent(v -> entry.put(field, v));
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
