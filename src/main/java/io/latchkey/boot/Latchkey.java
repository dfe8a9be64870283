package io.latchkey.boot;

import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountService;
import io.latchkey.audit.AuditHistory;
import io.latchkey.audit.AuditTrail;
import io.latchkey.audit.StoredAuditTrail;
import io.latchkey.account.Argon2Parameters;
import io.latchkey.account.CredentialThrottle;
import io.latchkey.account.LoginThrottle;
import io.latchkey.account.NativeArgon2;
import io.latchkey.account.ThrottleStorage;
import io.latchkey.account.PasswordHasher;
import io.latchkey.admin.BuiltInAdminApplication;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ResponseType;
import io.latchkey.client.PublicWebOrigins;
import io.latchkey.client.StoredClientDirectory;
import io.latchkey.protocol.CrossOriginPolicy;
import io.latchkey.config.Settings;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeCommands;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.grant.ClientCredentialsGrant;
import io.latchkey.grant.GrantHandler;
import io.latchkey.grant.TokenEndpoint;
import io.latchkey.job.AuditRetention;
import io.latchkey.job.SigningKeyRotation;
import io.latchkey.job.ExpiredRowsPurge;
import io.latchkey.job.JobRunner;
import io.latchkey.job.Leases;
import io.latchkey.key.KeyCipher;
import io.latchkey.key.KeyRing;
import io.latchkey.key.SignatureProvider;
import io.latchkey.key.KeySchedule;
import io.latchkey.key.MasterKeyFile;
import io.latchkey.posture.ApplicationUseNotes;
import io.latchkey.posture.PostureReview;
import io.latchkey.posture.StoredPostureState;
import io.latchkey.protocol.DiscoveryDocument;
import io.latchkey.security.TransportPolicy;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ApplicationUseRepository;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.Database;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.store.ExpiredRows;
import io.latchkey.store.JobLeaseRepository;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.ScopeRepository;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.store.ConfigurationCache;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.ReferenceTokens;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The assembled server: every service, built once from the settings and the database. */
public record Latchkey(
        Settings settings,
        String issuer,
        Database database,
        KeyRing keys,
        TokenEndpoint tokenEndpoint,
        DiscoveryDocument discovery,
        TransportPolicy transport,
        AccountService accounts,
        SignInServices people,
        TokenServices tokens,
        AuditTrail audit,
        ApplicationCommands applicationCommands,
        AuditHistory auditHistory,
        Oversight oversight,
        ScopeCommands scopeCommands,
        AccountCommands accountCommands,
        ConfigurationExport export,
        JobRunner jobs,
        CrossOriginPolicy crossOrigin,
        PostureReview posture) {

    public static Latchkey assemble(Settings settings, String issuer, Database database, Map<String, String> environment,
                                    Clock clock) {
        Transactions transactions = database.transactions();
        ApplicationRepository applications = new ApplicationRepository();
        ScopeRepository scopeRepository = new ScopeRepository();
        Optional<ImportFile.Document> document = settings.importFile().map(file -> ImportFile.read(file, environment, settings.devMode(),
                settings.signingAlgorithms(), io.latchkey.config.ServerTokenLifetimes.of(settings)));
        IssuedCredentialRepository issued = new IssuedCredentialRepository();
        ThrottleStorage throttleStorage = new HibernateThrottleStorage(transactions, new LoginThrottleRepository(),
                new AccountRepository());
        AccountService accounts = new AccountService(transactions, new AccountRepository(), issued,
                new PasswordHasher(Argon2Parameters.DEFAULT, NativeArgon2.choose(settings.cryptoProvider())),
                new LoginThrottle(throttleStorage, clock), clock);
        ConfigurationChanges changes = ConfigurationChanges.stored(transactions, clock);
        StoredAuditTrail audit = new StoredAuditTrail(transactions, new AuditEventRepository(),
                settings.auditRetention(), clock);
        ApplicationCommands applicationCommands = new ApplicationCommands(transactions,
                new ApplicationRegistry(applications, issued, changes, clock), applications, scopeRepository, issued,
                changes, settings.devMode(), settings.signingAlgorithms(),
                io.latchkey.config.ServerTokenLifetimes.of(settings), audit, clock);
        ScopeCommands scopeCommands = new ScopeCommands(transactions, scopeRepository, changes, audit, clock);
        AccountCommands accountCommands = new AccountCommands(transactions, accounts, new AccountRepository(),
                new LoginThrottleRepository(), audit, clock);
        BootstrapImport.apply(transactions, new ScopeRegistry(scopeRepository, changes, clock), scopeCommands,
                applicationCommands, accountCommands, accounts, document,
                settings.adminPassword(), settings.dataDir(), clock.instant());
        ApplicationCatalog applicationCatalog = new ApplicationCatalog(transactions, applications);
        BuiltInAdminApplication.ensure(applicationCommands, applicationCatalog);
        BootstrapImport.warnAboutExceptions(applicationCatalog);

        byte[] masterKey = settings.masterKey().orElseGet(() -> MasterKeyFile.loadOrCreate(settings.dataDir()));
        KeyRing keys = KeyRing.load(transactions, new SigningKeyRepository(), new KeyCipher(masterKey), changes,
                KeySchedule.forServer(settings.signingAlgorithms(), settings.keyRotationPeriod()), audit, SignatureProvider.choose(settings.cryptoProvider()), clock);

        ScopeCatalog scopes = ScopeCatalog.stored(transactions, scopeRepository, changes, clock);
        StoredClientDirectory clients = new StoredClientDirectory(transactions, applications, changes, clock);
        ClientAuthenticator authenticator = new ClientAuthenticator(clients,
                database.soleWriter() ? CredentialThrottle.soleWriter(throttleStorage, clock)
                        : new CredentialThrottle(throttleStorage, clock), audit,
                (secretHash, at) -> transactions.run(em -> applications.markSecretUsed(em, secretHash, at)), clock);
        ApplicationUseRepository uses = new ApplicationUseRepository();
        AccessTokenIssuer accessTokens = new AccessTokenIssuer(issuer, settings.accessTokenTtl(), keys, scopes,
                Optional.of(new ReferenceTokens(transactions, new ReferenceTokenRepository(),
                        clock)), new ApplicationUseNotes(transactions, uses), clock);
        SignInServices people = SignInServices.assemble(settings, issuer, transactions, keys, scopes, clients, accounts,
                accessTokens, changes, audit, clock);
        List<GrantHandler> grants = new ArrayList<>(people.grants());
        grants.add(new ClientCredentialsGrant(accessTokens));
        TokenEndpoint tokenEndpoint = new TokenEndpoint(grants, authenticator);
        ConfigurationCache<String, Set<ResponseType>> responseTypes = new ConfigurationCache<>(changes,
                ConfigurationChanges.Kind.APPLICATIONS, 1, clock);
        ConfigurationCache<String, Boolean> unsignedRequestObjects = new ConfigurationCache<>(changes,
                ConfigurationChanges.Kind.APPLICATIONS, 1, clock);
        DiscoveryDocument discovery = new DiscoveryDocument(issuer, tokenEndpoint.enabledGrantTypes(), scopes,
                () -> responseTypes.get("in use", ignored -> transactions.inTransaction(em ->
                        applications.responseTypesInUse(em).stream()
                                .flatMap(list -> Arrays.stream(list.split(",")))
                                .map(type -> ResponseType.parse(type).orElseThrow())
                                .collect(Collectors.toSet()))), keys.algorithms(),
                () -> unsignedRequestObjects.get("in use", ignored -> transactions.inTransaction(
                        applications::unsignedRequestObjectsInUse)));
        return new Latchkey(settings, issuer, database, keys, tokenEndpoint, discovery,
                new TransportPolicy(settings.devMode(), settings.trustedProxies()), accounts, people,
                TokenServices.assemble(issuer, transactions, keys, scopes, clients, authenticator, accounts, people,
                        audit, clock), audit, applicationCommands,
                new AuditHistory(transactions, new AuditEventRepository()),
                Oversight.assemble(transactions, people, audit, clock), scopeCommands, accountCommands,
                new ConfigurationExport(transactions, scopeRepository, applications, new AccountRepository()),
                new JobRunner(Leases.stored(transactions, new JobLeaseRepository()),
                        List.of(new ExpiredRowsPurge(transactions, new ExpiredRows()), new AuditRetention(audit),
                                new SigningKeyRotation(keys)), clock,
                        JobRunner.thisNode()),
                new CrossOriginPolicy(clients, new PublicWebOrigins(transactions, applications, changes, clock)),
                new PostureReview(new StoredPostureState(transactions, applicationCatalog, uses, settings.devMode(),
                        settings.passwordGrant(), settings.postureUnusedAfter(), settings.secretRotationPeriod(), clock),
                        changes, () -> transactions.inTransaction(new AccountRepository()::changeMark), clock));
    }
}
