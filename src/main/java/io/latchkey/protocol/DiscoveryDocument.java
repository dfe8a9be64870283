package io.latchkey.protocol;

import io.latchkey.authorize.AuthenticationOptions;
import io.latchkey.authorize.Pkce;
import io.latchkey.authorize.ResponseMode;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.RequestObjectAlgorithm;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.grant.GrantType;
import io.latchkey.key.SigningAlgorithm;
import io.latchkey.token.PersonClaims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What this server really implements, and nothing more (RFC 8414 §2, OpenID Connect Discovery 1.0 §3).
 * Every URL derives from the issuer, which is used byte for byte as configured (RFC 8414 §3.3).
 */
public final class DiscoveryDocument {
    private final String issuer;
    private final Set<GrantType> grantTypes;
    private final ScopeCatalog scopes;
    private final Supplier<Set<ResponseType>> responseTypes;
    private final List<SigningAlgorithm> signingAlgorithms;
    private final Supplier<Boolean> unsignedRequestObjects;

    /**
     * @param responseTypes the response types some enabled application may use ({@code code} always; hybrid
     *                      and implicit ones only once an operator allowed them somewhere)
     */
    public DiscoveryDocument(String issuer, Set<GrantType> grantTypes, ScopeCatalog scopes,
                             Supplier<Set<ResponseType>> responseTypes) {
        this(issuer, grantTypes, scopes, responseTypes, List.of(SigningAlgorithm.RS256));
    }

    /** @param signingAlgorithms the enabled signing algorithms, the default (which signs introspection answers) first */
    public DiscoveryDocument(String issuer, Set<GrantType> grantTypes, ScopeCatalog scopes,
                             Supplier<Set<ResponseType>> responseTypes, List<SigningAlgorithm> signingAlgorithms) {
        this(issuer, grantTypes, scopes, responseTypes, signingAlgorithms, () -> false);
    }

    /**
     * @param unsignedRequestObjects whether some enabled application may send unsigned request objects (its
     *                               operator named {@code none}), so that {@code none} is advertised
     */
    public DiscoveryDocument(String issuer, Set<GrantType> grantTypes, ScopeCatalog scopes,
                             Supplier<Set<ResponseType>> responseTypes, List<SigningAlgorithm> signingAlgorithms,
                             Supplier<Boolean> unsignedRequestObjects) {
        this.signingAlgorithms = List.copyOf(signingAlgorithms);
        this.unsignedRequestObjects = unsignedRequestObjects;
        this.issuer = issuer;
        this.grantTypes = Set.copyOf(grantTypes);
        this.scopes = scopes;
        this.responseTypes = responseTypes;
    }

    /**
     * What the document is made of besides fixed settings, as the configuration caches hand it out (one instance
     * until it changes): the scopes, the response types in use, whether unsigned request objects are allowed.
     */
    public List<Object> sources() {
        return List.of(scopes.all(), responseTypes.get(), unsignedRequestObjects.get());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer);
        json.put("authorization_endpoint", issuer + "/oauth/authorize");
        json.put("token_endpoint", issuer + "/oauth/token");
        json.put("userinfo_endpoint", issuer + "/oauth/userinfo");
        json.put("jwks_uri", issuer + "/oauth/jwks");
        json.put("end_session_endpoint", issuer + "/oauth/logout");
        json.put("introspection_endpoint", issuer + "/oauth/introspect");
        json.put("revocation_endpoint", issuer + "/oauth/revoke");
        json.put("scopes_supported", new TreeSet<>(scopes.all().keySet()));
        Set<ResponseType> types = EnumSet.of(ResponseType.CODE);
        types.addAll(responseTypes.get());
        json.put("response_types_supported", types.stream().map(ResponseType::wireName).toList());
        json.put("response_modes_supported",
                Arrays.stream(ResponseMode.values()).map(ResponseMode::wireName).toList());
        json.put("grant_types_supported", grantTypes.stream().map(GrantType::wireName).sorted().toList());
        json.put("token_endpoint_auth_methods_supported", List.of(ClientAuthMethod.CLIENT_SECRET_BASIC.wireName(),
                ClientAuthMethod.CLIENT_SECRET_POST.wireName(), ClientAuthMethod.NONE.wireName()));
        json.put("introspection_endpoint_auth_methods_supported", List.of(
                ClientAuthMethod.CLIENT_SECRET_BASIC.wireName(), ClientAuthMethod.CLIENT_SECRET_POST.wireName()));
        json.put("revocation_endpoint_auth_methods_supported", List.of(ClientAuthMethod.CLIENT_SECRET_BASIC.wireName(),
                ClientAuthMethod.CLIENT_SECRET_POST.wireName(), ClientAuthMethod.NONE.wireName()));
        json.put("introspection_signing_alg_values_supported", List.of(signingAlgorithms.get(0).name()));
        json.put("code_challenge_methods_supported", List.of(Pkce.S256));
        json.put("subject_types_supported", List.of("public"));
        json.put("id_token_signing_alg_values_supported",
                signingAlgorithms.stream().map(SigningAlgorithm::name).toList());
        List<String> claims = new ArrayList<>(List.of("iss", "aud", "exp", "iat", "auth_time", "nonce", "azp", "sid",
                "amr", "acr", "at_hash", "c_hash"));
        claims.addAll(PersonClaims.SUPPORTED);
        json.put("claims_supported", claims);
        json.put("acr_values_supported", AuthenticationOptions.ACR_VALUES_SUPPORTED);
        json.put("display_values_supported", AuthenticationOptions.DISPLAY_VALUES);
        json.put("ui_locales_supported", AuthenticationOptions.UI_LOCALES_SUPPORTED);
        json.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
        json.put("authorization_response_iss_parameter_supported", true);
        json.put("claims_parameter_supported", true);
        // RFC 9101 §10.5 / OIDC Discovery §3: request objects by value, signed with the application's key (none
        // only for applications whose operator allowed it); request_uri is not supported, and its default is true.
        json.put("request_parameter_supported", true);
        json.put("request_uri_parameter_supported", false);
        List<String> requestObjectAlgorithms = new ArrayList<>(List.of(SigningAlgorithm.RS256.name(),
                SigningAlgorithm.PS256.name(), SigningAlgorithm.ES256.name()));
        if (unsignedRequestObjects.get()) {
            requestObjectAlgorithms.add(RequestObjectAlgorithm.NONE.wireName());
        }
        json.put("request_object_signing_alg_values_supported", requestObjectAlgorithms);
        return json;
    }

    public String issuer() {
        return issuer;
    }
}
