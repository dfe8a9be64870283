package io.latchkey.protocol;

import io.latchkey.client.ClientAuthMethod;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.grant.GrantType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this server really implements, and nothing more: every URL derives from the issuer, which is
 * used byte for byte as configured (RFC 8414 §3.3 requires the issuer in the document to equal it).
 */
public final class DiscoveryDocument {
    private final String issuer;
    private final Set<GrantType> grantTypes;
    private final ScopeCatalog scopes;

    public DiscoveryDocument(String issuer, Set<GrantType> grantTypes, ScopeCatalog scopes) {
        this.issuer = issuer;
        this.grantTypes = Set.copyOf(grantTypes);
        this.scopes = scopes;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer);
        json.put("token_endpoint", issuer + "/oauth/token");
        json.put("jwks_uri", issuer + "/oauth/jwks");
        json.put("scopes_supported", new TreeSet<>(scopes.all().keySet()));
        // No authorization endpoint yet, so no response type is supported (RFC 8414 §2 requires the member).
        json.put("response_types_supported", List.of());
        json.put("grant_types_supported", grantTypes.stream().map(GrantType::wireName).sorted().toList());
        json.put("token_endpoint_auth_methods_supported", List.of(
                ClientAuthMethod.CLIENT_SECRET_BASIC.wireName(), ClientAuthMethod.CLIENT_SECRET_POST.wireName()));
        return json;
    }

    public String issuer() {
        return issuer;
    }
}
