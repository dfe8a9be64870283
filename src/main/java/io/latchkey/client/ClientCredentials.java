package io.latchkey.client;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.security.TextCharacters;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a request presents its client: exactly one of HTTP Basic (RFC 6749 §2.3.1, the id and secret
 * form-urlencoded before base64), {@code client_id} + {@code client_secret} in the body, or
 * {@code client_id} alone for a public client.
 */
public record ClientCredentials(ClientAuthMethod method, String clientId, Optional<Secret> secret) {
    public static final String BASIC_CHALLENGE = "Basic realm=\"latchkey\", charset=\"UTF-8\"";

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param formClientId {@code client_id} from the body
     * @param formClientSecret {@code client_secret} from the body
     */
    public static ClientCredentials parse(String authorization, Optional<String> formClientId,
                                          Optional<Secret> formClientSecret) {
        if (authorization != null) {
            ClientCredentials basic = parseBasic(authorization);
            if (formClientSecret.isPresent()) {
                throw OAuthException.invalidRequest("more than one client authentication method was used");
            }
            if (formClientId.isPresent() && !formClientId.get().equals(basic.clientId())) {
                throw OAuthException.invalidRequest("client_id does not match the Authorization header");
            }
            return basic;
        }
        if (formClientSecret.isPresent()) {
            String id = formClientId.orElseThrow(() ->
                    OAuthException.invalidRequest("client_secret was sent without client_id"));
            return new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_POST, id, formClientSecret);
        }
        if (formClientId.isPresent()) {
            return new ClientCredentials(ClientAuthMethod.NONE, formClientId.get(), Optional.empty());
        }
        throw OAuthException.of(ErrorCode.INVALID_CLIENT, "client authentication is required")
                .withChallenge(BASIC_CHALLENGE);
    }

    private static ClientCredentials parseBasic(String header) {
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.equalsIgnoreCase("Basic")) {
            throw OAuthException.of(ErrorCode.INVALID_CLIENT, "unsupported client authentication method",
                    "Authorization scheme is not Basic").withChallenge(BASIC_CHALLENGE);
        }
        String token = space < 0 ? "" : header.substring(space + 1).strip();
        if (token.isEmpty() || token.contains(" ")) {
            throw malformedBasic("no token68 after Basic");
        }
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(token);
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException e) {
            throw malformedBasic("Basic credentials are not base64");
        } catch (CharacterCodingException e) {
            throw malformedBasic("Basic credentials are not UTF-8");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw malformedBasic("Basic credentials have no colon");
        }
        String id = formDecode(decoded.substring(0, colon));
        String secret = formDecode(decoded.substring(colon + 1));
        if (id.isEmpty()) {
            throw malformedBasic("Basic credentials have an empty client id");
        }
        // RFC 6749 Appendix A.1/A.2: client-id and client-secret are visible characters; a control character can
        // be in no registered client_id or secret, so it is refused before any lookup (PostgreSQL refuses NUL).
        if (!TextCharacters.isCredential(id) || !TextCharacters.isCredential(secret)) {
            throw malformedBasic("Basic credentials hold a control character");
        }
        return new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, id, Optional.of(Secret.of(secret)));
    }

    /** RFC 6749 §2.3.1: id and secret are encoded with application/x-www-form-urlencoded first. */
    private static String formDecode(String value) {
        return FormUrlDecoding.decode(value).orElseThrow(() ->
                malformedBasic("Basic credentials have a bad percent-encoding"));
    }

    /**
     * RFC 6749 §5.2: an Authorization header that cannot be read is client authentication that failed, so the
     * answer is the same 401 {@code invalid_client} with the Basic challenge as for a wrong secret (the reason
     * is only logged).
     */
    private static OAuthException malformedBasic(String detail) {
        return OAuthException.of(ErrorCode.INVALID_CLIENT, ClientAuthenticator.FAILED, detail)
                .withChallenge(BASIC_CHALLENGE);
    }
}
