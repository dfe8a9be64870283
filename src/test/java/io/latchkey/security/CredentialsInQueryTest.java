package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6750 §2.3, RFC 9700 §4.3.2: a query string that carries a credential is refused. */
class CredentialsInQueryTest {

    @ParameterizedTest
    @ValueSource(strings = {"access_token=abc", "token=abc", "refresh_token=abc", "client_secret=s3cret",
            "code_verifier=dBjftJeZ4CVP", "password=hunter2", "id_token=eyJ.eyJ.sig",
            "ACCESS_TOKEN=abc", "Access_Token=abc", "Token=abc", "PASSWORD=x", "Id_Token=x",
            "state=xyz&access_token=abc", "client_id=web&client_secret=s&x=1", "a=1&b=2&token=",
            "token", "password&state=x", "scope=openid&&refresh_token=r"})
    void aQueryNamingACredentialParameterIsDetected(String query) {
        assertTrue(CredentialsInQuery.present(query), query);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_token_hint=eyJ.eyJ.sig", "state=abc", "code=SplxlOBeZQQYbYS6WxSbIA",
            "scope=token", "scope=openid%20access_token", "state=password", "response_type=id_token",
            "response_type=code%20id_token", "tokens=1", "access_tokens=1", "my_token=1",
            "token_type_hint=refresh_token",
            "x=token=abc", "client_id=web&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Ftoken%3D1",
            "interaction=abc", "&", "="})
    void aQueryWithoutACredentialParameterIsNotDetected(String query) {
        assertFalse(CredentialsInQuery.present(query), query);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noQueryIsNoCredential(String query) {
        assertFalse(CredentialsInQuery.present(query));
    }

    @Test
    void aPercentEncodedCredentialNameIsDetected() {
        assertTrue(CredentialsInQuery.present("access%5Ftoken=abc"));
        assertTrue(CredentialsInQuery.present("client%5fsecret=abc"));
        assertTrue(CredentialsInQuery.present("%74oken=abc"));
    }
}
