package io.latchkey.token;

import java.time.Instant;

/** What presenting an authorization code found: see {@link GrantTransaction#consumeCode}. */
public sealed interface CodeConsumption {

    /** The code was live and is now used, by this redemption only. */
    record Redeemed(AuthorizationCodes.CodeGrant grant) implements CodeConsumption {
    }

    /**
     * The code was used before: what its first redemption issued (the grant's family, its access token) is to be
     * taken back (RFC 6749 §4.1.2).
     */
    record Replayed(String grantId, String clientId, String accessTokenJti, Instant consumedAt)
            implements CodeConsumption {
    }

    /** No such code, or it expired unused. */
    record Unknown() implements CodeConsumption {
    }
}
