package io.latchkey.client;

import io.latchkey.key.SigningAlgorithm;
import io.latchkey.store.ApplicationEntity;
import java.util.Objects;
import java.util.Optional;

/**
 * What an application signs with and what Latchkey signs for it (OIDC Dynamic Client Registration §2 names):
 * its public keys, given by value ({@code jwks}, a JWK Set as JSON text) or by reference ({@code jwks_uri}),
 * never both; the algorithm its request objects must use ({@code request_object_signing_alg}; absent: any of
 * RS256, PS256 and ES256 with one of its keys, never {@code none}); and the algorithm of its ID tokens
 * ({@code id_token_signed_response_alg}; absent: the server's default), one of the enabled ones.
 */
public record ClientSigning(
        Optional<String> jwks,
        Optional<String> jwksUri,
        Optional<RequestObjectAlgorithm> requestObjectAlgorithm,
        Optional<SigningAlgorithm> idTokenAlgorithm) {

    /** An application that registered nothing of this: no keys, no request objects, the default ID token alg. */
    public static final ClientSigning DEFAULT = new ClientSigning(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public ClientSigning {
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(requestObjectAlgorithm, "requestObjectAlgorithm");
        Objects.requireNonNull(idTokenAlgorithm, "idTokenAlgorithm");
    }

    /** What {@code entity} stores. */
    static ClientSigning of(ApplicationEntity entity) {
        return new ClientSigning(Optional.ofNullable(entity.getJwks()), Optional.ofNullable(entity.getJwksUri()),
                Optional.ofNullable(entity.getRequestObjectSigningAlg())
                        .map(alg -> RequestObjectAlgorithm.fromWireName(alg).orElseThrow()),
                Optional.ofNullable(entity.getIdTokenSignedResponseAlg())
                        .map(alg -> SigningAlgorithm.byName(alg).orElseThrow()));
    }

    /** Stores this into {@code entity}. */
    void storeInto(ApplicationEntity entity) {
        entity.setJwks(jwks.orElse(null));
        entity.setJwksUri(jwksUri.orElse(null));
        entity.setRequestObjectSigningAlg(requestObjectAlgorithm.map(RequestObjectAlgorithm::wireName).orElse(null));
        entity.setIdTokenSignedResponseAlg(idTokenAlgorithm.map(SigningAlgorithm::name).orElse(null));
    }

    /** Whether the operator allowed this application unsigned request objects ({@code alg: none}). */
    public boolean unsignedRequestObjects() {
        return requestObjectAlgorithm.equals(Optional.of(RequestObjectAlgorithm.NONE));
    }

    /** Whether it registered keys, by value or by reference. */
    public boolean hasKeys() {
        return jwks.isPresent() || jwksUri.isPresent();
    }
}
