package io.latchkey.authorize;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;

/**
 * A relying party's key pairs and the request objects it signs with them, built with Nimbus (an independent
 * library), for the unit tests and the IT.
 */
public final class RequestObjectSigner {
    private final RSAKey rsa;
    private final ECKey ec;

    public RequestObjectSigner(String rsaKid, String ecKid) {
        try {
            this.rsa = new RSAKeyGenerator(2048).keyID(rsaKid).generate();
            this.ec = new ECKeyGenerator(Curve.P_256).keyID(ecKid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK Set of both keys, as an application registers it. */
    public String publicJwks() {
        return new JWKSet(List.<JWK>of(rsa, ec)).toString(true);
    }

    /** {@code alg} RS256, PS256 (the RSA key) or ES256 (the EC key), with the key's kid in the header. */
    public String sign(String alg, JWTClaimsSet claims) {
        return sign(alg, claims, true);
    }

    public String sign(String alg, JWTClaimsSet claims, boolean withKid) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        boolean ecdsa = algorithm.equals(JWSAlgorithm.ES256);
        try {
            JWSSigner signer = ecdsa ? new ECDSASigner(ec) : new RSASSASigner(rsa);
            JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
            if (withKid) {
                header.keyID(ecdsa ? ec.getKeyID() : rsa.getKeyID());
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned request object ({@code alg: none}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(new PlainHeader(), claims).serialize();
    }
}
