package io.latchkey.boot;

import io.latchkey.audit.AuditTrail;
import io.latchkey.consent.ConsentRecords;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.RefreshTokenFamilies;
import java.time.Clock;

/**
 * What administrators see and take back of what people and applications were granted: everyone's consents,
 * personal and service access tokens, and refresh token families. The admin API (and later the console) calls these.
 */
public record Oversight(ConsentRecords consents, IssuedReferenceTokens referenceTokens,
                        RefreshTokenFamilies refreshTokenFamilies) {

    /** Built over the sign-in services' own consent rule and grant families, so there is one of each. */
    public static Oversight assemble(Transactions transactions, SignInServices people, AuditTrail audit, Clock clock) {
        AccountRepository accounts = new AccountRepository();
        return new Oversight(
                new ConsentRecords(transactions, new ConsentRepository(), accounts, people.consents(), audit, clock),
                new IssuedReferenceTokens(transactions, new ReferenceTokenRepository(), audit, clock),
                new RefreshTokenFamilies(transactions, new RefreshGrantRepository(), people.families(),
                        new IssuedCredentialRepository(), accounts, new ApplicationRepository(), audit, clock));
    }
}
