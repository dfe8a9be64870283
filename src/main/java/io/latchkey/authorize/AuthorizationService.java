package io.latchkey.authorize;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ConsentService;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthError;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.session.BrowserSessions;
import io.latchkey.token.AuthorizationCodes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The authorization endpoint's flow: validate, then decide whether the person must sign in, must consent,
 * or can be sent straight back with a code. Requests waiting for the person are kept as
 * {@link Interactions}, bound to the browser that started them.
 */
public final class AuthorizationService {
    private final String issuer;
    private final AuthorizationValidator validator;
    private final RequestObjects requestObjects;
    private final Interactions interactions;
    private final AuthorizationCodes codes;
    private final ConsentService consents;
    private final AccountService accounts;
    private final ScopeCatalog scopes;
    private final FrontChannelTokens frontChannel;
    private final Clock clock;
    private final Writes writes = new Writes();

    public AuthorizationService(String issuer, AuthorizationValidator validator, RequestObjects requestObjects,
                                Interactions interactions, AuthorizationCodes codes, ConsentService consents,
                                AccountService accounts, ScopeCatalog scopes, FrontChannelTokens frontChannel,
                                Clock clock) {
        this.issuer = issuer;
        this.validator = validator;
        this.requestObjects = requestObjects;
        this.interactions = interactions;
        this.codes = codes;
        this.consents = consents;
        this.accounts = accounts;
        this.scopes = scopes;
        this.frontChannel = frontChannel;
        this.clock = clock;
    }

    /** What the endpoint does next. */
    public sealed interface Outcome permits Reply, SignIn, Consent {
    }

    /** Back to the client, with a code or an error. */
    public record Reply(AuthorizationReply reply) implements Outcome {
    }

    /** Show the sign-in page for this pending request. */
    public record SignIn(String interaction) implements Outcome {
    }

    /** Show the consent page for this pending request. */
    public record Consent(String interaction) implements Outcome {
    }

    /** What the consent page shows. */
    public record ConsentPrompt(String clientId, String clientName, List<ScopeCatalog.Scope> scopes,
                                String redirectUri) {
    }

    /**
     * What the sign-in page shows about the pending request {@code interaction}, and that request as read and
     * validated for it: {@link #claim} and {@link #afterSignIn(ClaimedSignIn, Secret)} continue it
     * without reading it again.
     */
    public record SignInPrompt(String clientName, Optional<String> loginHint, String redirectUri, String interaction,
                               AuthorizationRequest request) {
    }

    /**
     * A new authorization request, its request object (if any) resolved first. Errors before the redirect URI is
     * verified throw (an error page).
     */
    public Outcome start(RequestParameters parameters, Secret browser, Optional<BrowserSession> session) {
        if (parameters.has("request") && parameters.has("redirect_uri")) {
            // The request object's redirect_uri is the one used (RFC 9101 §6.3), but a redirect URI the request
            // carries outside it must be registered too: an unregistered one is the error page, never ignored
            // (the conformance suite accepts either; refusing tells the client at once what it got wrong).
            validator.verifyClientAndRedirect(parameters);
        }
        RequestObjects.Resolution resolution = requestObjects.resolve(parameters);
        if (resolution instanceof RequestObjects.Unusable unusable) {
            AuthorizationValidator.Refused refused = validator.refused(unusable.deliverTo(), unusable.error());
            return error(refused.redirect(), refused.error());
        }
        return ifValid(((RequestObjects.Resolved) resolution).parameters(),
                request -> proceed(request, browser, session, session.flatMap(this::activeAccount), false, writes));
    }

    /**
     * Verifies client and redirect URI (a failure throws: an error page), then the other checks; a refused
     * request goes back to the client, a valid one to {@code then}.
     */
    private Outcome ifValid(RequestParameters parameters, Function<AuthorizationRequest, Outcome> then) {
        AuthorizationValidator.Validation validation = validator.check(parameters,
                validator.verifyClientAndRedirect(parameters));
        if (validation instanceof AuthorizationValidator.Refused refused) {
            return error(refused.redirect(), refused.error());
        }
        return then.apply(((AuthorizationValidator.Valid) validation).request());
    }

    public SignInPrompt signInPrompt(String interaction, Secret browser) {
        Interactions.Pending pending = pending(interaction, browser);
        VerifiedRedirect redirect = validator.verifyClientAndRedirect(pending.parameters());
        AuthorizationRequest request = validator.validate(pending.parameters(), redirect);
        return new SignInPrompt(request.client().name(), request.loginHint(), request.redirect().uri(), interaction,
                request);
    }

    /**
     * The pending request of a sign-in prompt, ended by the one caller that {@link #claim claimed} it, with the
     * session started for the sign-in.
     */
    public static final class ClaimedSignIn {
        private final SignInPrompt prompt;
        private final BrowserSessions.Started started;
        private final Account account;
        /** The continuation, decided and written in the claim's transaction; empty when it is decided after it. */
        private final Optional<Outcome> outcome;

        private ClaimedSignIn(SignInPrompt prompt, BrowserSessions.Started started, Account account,
                              Optional<Outcome> outcome) {
            this.prompt = prompt;
            this.started = started;
            this.account = account;
            this.outcome = outcome;
        }

        public BrowserSessions.Started started() {
            return started;
        }
    }

    /**
     * {@code account} signed in just now (its password checked, the account enabled, in this HTTP request) for the
     * pending request of {@code prompt}: ends that request in the transaction {@code em} that starts the session
     * {@code started} of the sign-in ({@link BrowserSessions#start(EntityManager, long, String)}), and continues it
     * there, writing what the continuation writes (a code, or the consent page's pending request) in {@code em}
     * too: one commit for the whole sign-in. Only one caller claims the request; any other gets
     * {@code invalid_request}, which rolls the transaction back. A response type that also issues tokens from the
     * front channel (whose issuing may write in transactions of its own) is continued by {@link #afterSignIn} after
     * the commit instead.
     */
    public ClaimedSignIn claim(SignInPrompt prompt, EntityManager em, BrowserSessions.Started started,
                               Secret browser, Account account) {
        BrowserSession session = started.session();
        if (account.id() == null || session.accountId() != account.id() || !account.enabled()) {
            throw new IllegalArgumentException("the session is not the signed-in account's");
        }
        if (!interactions.finish(em, prompt.interaction())) {
            throw OAuthException.invalidRequest("this sign-in request was already continued");
        }
        ResponseType type = prompt.request().responseType();
        if (type.issuesAccessToken() || type.issuesIdToken()) {
            return new ClaimedSignIn(prompt, started, account, Optional.empty());
        }
        return new ClaimedSignIn(prompt, started, account, Optional.of(proceed(prompt.request(), browser,
                Optional.of(session), Optional.of(account), true, new Within(em))));
    }

    /** The claimed request's continuation: decided in the claim's transaction, or now (front-channel tokens). */
    public Outcome afterSignIn(ClaimedSignIn claimed, Secret browser) {
        return claimed.outcome.orElseGet(() -> proceed(claimed.prompt.request(), browser,
                Optional.of(claimed.started.session()), Optional.of(claimed.account), true, writes));
    }

    public ConsentPrompt consentPrompt(String interaction, Secret browser) {
        Interactions.Pending pending = pending(interaction, browser);
        VerifiedRedirect redirect = validator.verifyClientAndRedirect(pending.parameters());
        AuthorizationRequest request = validator.validate(pending.parameters(), redirect);
        List<ScopeCatalog.Scope> described = request.scopes().stream()
                .map(name -> scopes.find(name).orElse(new ScopeCatalog.Scope(name, name, Optional.empty())))
                .toList();
        return new ConsentPrompt(request.client().clientId(), request.client().name(), described,
                request.redirect().uri());
    }

    /** The person allowed or denied on the consent page. */
    public Outcome decide(String interaction, Secret browser, BrowserSession session, boolean allow) {
        return decide(interaction, browser, session, allow, null, null);
    }

    /**
     * The person allowed or denied on the consent page, in the request {@code requestId} from {@code clientAddress}
     * (for the audit trail's {@code consent.granted}; either may be null).
     */
    public Outcome decide(String interaction, Secret browser, BrowserSession session, boolean allow, String requestId,
                          String clientAddress) {
        Interactions.Pending pending = pending(interaction, browser);
        if (!interactions.finish(interaction)) {
            throw OAuthException.invalidRequest("this request was already answered");
        }
        return ifValid(pending.parameters(), request -> {
            if (!allow) {
                return error(request.redirect(), new OAuthError(ErrorCode.ACCESS_DENIED, "the person denied the request"));
            }
            Optional<Account> account = activeAccount(session);
            if (account.isEmpty()) {
                return error(request.redirect(), new OAuthError(ErrorCode.LOGIN_REQUIRED, "the person is not signed in"));
            }
            consents.remember(Actor.account(account.get().subject(), requestId, clientAddress), account.get(),
                    request.client().clientId(), request.scopes());
            return respond(request, session, account.get(), writes);
        });
    }

    /**
     * OIDC Core §3.1.2.3: authenticate when needed, then obtain consent when needed, then answer; {@code account} is
     * the session's account when it is enabled.
     */
    private Outcome proceed(AuthorizationRequest request, Secret browser, Optional<BrowserSession> session,
                            Optional<Account> account, boolean loginDone, Writes writes) {
        Set<Prompt> prompts = request.prompts();
        boolean signedIn = account.isPresent();
        boolean reauthenticate = !loginDone && (prompts.contains(Prompt.LOGIN) || prompts.contains(Prompt.SELECT_ACCOUNT)
                || session.map(s -> tooOld(s, request)).orElse(false));
        if (!signedIn || reauthenticate) {
            if (prompts.contains(Prompt.NONE)) {
                return error(request.redirect(), new OAuthError(ErrorCode.LOGIN_REQUIRED,
                        "the person must sign in, and prompt=none forbids it"));
            }
            return new SignIn(writes.pending(browser, request, false));
        }
        BrowserSession current = session.get();
        boolean consentNeeded = prompts.contains(Prompt.CONSENT) || (!request.client().firstParty()
                && !writes.consentCovers(current.accountId(), request));
        if (consentNeeded) {
            if (prompts.contains(Prompt.NONE)) {
                return error(request.redirect(), new OAuthError(ErrorCode.CONSENT_REQUIRED,
                        "the person must consent, and prompt=none forbids it"));
            }
            return new Consent(writes.pending(browser, request, true));
        }
        return respond(request, current, account.get(), writes);
    }

    /** max_age: "the End-User MUST be actively re-authenticated" when the last sign-in is older. */
    private boolean tooOld(BrowserSession session, AuthorizationRequest request) {
        if (request.maxAgeSeconds().isEmpty()) {
            return false;
        }
        Instant deadline = session.authTime().plusSeconds(request.maxAgeSeconds().getAsLong());
        return clock.instant().isAfter(deadline);
    }

    /** The response the request's type asks for: a code, tokens from the front channel, or both (hybrid). */
    private Outcome respond(AuthorizationRequest request, BrowserSession session, Account account, Writes writes) {
        if (!AuthenticationOptions.subjectRequestedIs(request.claims(), account.subject())) {
            // OIDC Core §3.1.2.2: a positive response only for the person the requested sub names.
            return error(request.redirect(), new OAuthError(ErrorCode.LOGIN_REQUIRED,
                    "the signed-in person is not the one the claims parameter names"));
        }
        Optional<String> code = Optional.empty();
        if (request.responseType().issuesCode()) {
            code = Optional.of(writes.code(request, session).reveal());
        }
        return new Reply(AuthorizationReply.success(request.redirect(),
                frontChannel.tokens(request, session, account, code), issuer));
    }

    /**
     * Where a request's continuation writes: each write in a transaction of its own (the endpoint, the consent
     * page), or all of them in the sign-in's ({@link Within}).
     */
    private class Writes {
        /** A pending request for the sign-in or consent page. */
        String pending(Secret browser, AuthorizationRequest request, boolean loginDone) {
            return interactions.create(browser, request.client().clientId(), request.parameters(), loginDone);
        }

        boolean consentCovers(long accountId, AuthorizationRequest request) {
            return consents.covers(accountId, request.client().clientId(), request.scopes());
        }

        Secret code(AuthorizationRequest request, BrowserSession session) {
            return codes.issue(request.client().clientId(), session.accountId(), request.redirect().uri(),
                    request.parameters().has("redirect_uri"), request.codeChallenge(), request.nonce(),
                    request.scopes(), session.authTime(), session.sid(), request.claims().storable());
        }
    }

    /**
     * Every write and read of a continuation in the transaction {@code em}, on its connection: none waits for a
     * second connection of the pool while holding this one.
     */
    private final class Within extends Writes {
        private final EntityManager em;

        Within(EntityManager em) {
            this.em = em;
        }

        @Override
        String pending(Secret browser, AuthorizationRequest request, boolean loginDone) {
            return interactions.create(em, browser, request.client().clientId(), request.parameters(), loginDone);
        }

        @Override
        boolean consentCovers(long accountId, AuthorizationRequest request) {
            return consents.covers(em, accountId, request.client().clientId(), request.scopes());
        }

        @Override
        Secret code(AuthorizationRequest request, BrowserSession session) {
            return codes.issue(em, request.client().clientId(), session.accountId(), request.redirect().uri(),
                    request.parameters().has("redirect_uri"), request.codeChallenge(), request.nonce(),
                    request.scopes(), session.authTime(), session.sid(), request.claims().storable());
        }
    }

    private Optional<Account> activeAccount(BrowserSession session) {
        return accounts.findById(session.accountId()).filter(Account::enabled);
    }

    private Interactions.Pending pending(String interaction, Secret browser) {
        if (interaction == null || interaction.isEmpty()) {
            throw OAuthException.invalidRequest("the sign-in request is missing; start again from the application");
        }
        return interactions.find(interaction, browser).orElseThrow(() -> OAuthException.invalidRequest(
                "this sign-in request has expired or belongs to another browser; start again from the application"));
    }

    private Outcome error(VerifiedRedirect redirect, OAuthError error) {
        return new Reply(AuthorizationReply.error(redirect, error, issuer));
    }
}
