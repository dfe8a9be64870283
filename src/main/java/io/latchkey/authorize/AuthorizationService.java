package io.latchkey.authorize;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
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
     * validated for it: {@link #claim} and {@link #afterSignIn(ClaimedSignIn, Secret, Account)} continue it
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
                request -> proceed(request, browser, session, session.flatMap(this::activeAccount), false));
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

    /** The person signed in: continue the pending request. */
    public Outcome afterSignIn(String interaction, Secret browser, BrowserSession session) {
        Interactions.Pending pending = pending(interaction, browser);
        if (!interactions.finish(interaction)) {
            throw OAuthException.invalidRequest("this sign-in request was already continued");
        }
        return ifValid(pending.parameters(),
                request -> proceed(request, browser, Optional.of(session), activeAccount(session), true));
    }

    /**
     * The pending request of a sign-in prompt, ended by the one caller that {@link #claim claimed} it, with the
     * session started for the sign-in.
     */
    public static final class ClaimedSignIn {
        private final SignInPrompt prompt;
        private final BrowserSessions.Started started;

        private ClaimedSignIn(SignInPrompt prompt, BrowserSessions.Started started) {
            this.prompt = prompt;
            this.started = started;
        }

        public BrowserSessions.Started started() {
            return started;
        }
    }

    /**
     * Ends the pending request of {@code prompt} in the transaction {@code em} that starts the session of the sign-in
     * ({@link BrowserSessions#start(long, String, java.util.function.BiFunction)}): one commit for both. Only one
     * caller claims it; any other gets {@code invalid_request}, which rolls the transaction back.
     */
    public ClaimedSignIn claim(SignInPrompt prompt, EntityManager em, BrowserSessions.Started started) {
        if (!interactions.finish(em, prompt.interaction())) {
            throw OAuthException.invalidRequest("this sign-in request was already continued");
        }
        return new ClaimedSignIn(prompt, started);
    }

    /**
     * {@code account} signed in just now (its password checked, the account enabled, in this HTTP request) and
     * holds the claimed request's session: continue the request read and validated earlier in the same HTTP request.
     */
    public Outcome afterSignIn(ClaimedSignIn claimed, Secret browser, Account account) {
        BrowserSession session = claimed.started.session();
        if (account.id() == null || session.accountId() != account.id() || !account.enabled()) {
            throw new IllegalArgumentException("the session is not the signed-in account's");
        }
        return proceed(claimed.prompt.request(), browser, Optional.of(session), Optional.of(account), true);
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
            return respond(request, session, account.get());
        });
    }

    /**
     * OIDC Core §3.1.2.3: authenticate when needed, then obtain consent when needed, then answer; {@code account} is
     * the session's account when it is enabled.
     */
    private Outcome proceed(AuthorizationRequest request, Secret browser, Optional<BrowserSession> session,
                            Optional<Account> account, boolean loginDone) {
        Set<Prompt> prompts = request.prompts();
        boolean signedIn = account.isPresent();
        boolean reauthenticate = !loginDone && (prompts.contains(Prompt.LOGIN) || prompts.contains(Prompt.SELECT_ACCOUNT)
                || session.map(s -> tooOld(s, request)).orElse(false));
        if (!signedIn || reauthenticate) {
            if (prompts.contains(Prompt.NONE)) {
                return error(request.redirect(), new OAuthError(ErrorCode.LOGIN_REQUIRED,
                        "the person must sign in, and prompt=none forbids it"));
            }
            return new SignIn(interactions.create(browser, request.client().clientId(), request.parameters(), false));
        }
        BrowserSession current = session.get();
        boolean consentNeeded = prompts.contains(Prompt.CONSENT) || (!request.client().firstParty()
                && !consents.covers(current.accountId(), request.client().clientId(), request.scopes()));
        if (consentNeeded) {
            if (prompts.contains(Prompt.NONE)) {
                return error(request.redirect(), new OAuthError(ErrorCode.CONSENT_REQUIRED,
                        "the person must consent, and prompt=none forbids it"));
            }
            return new Consent(interactions.create(browser, request.client().clientId(), request.parameters(), true));
        }
        return respond(request, current, account.get());
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
    private Outcome respond(AuthorizationRequest request, BrowserSession session, Account account) {
        if (!AuthenticationOptions.subjectRequestedIs(request.claims(), account.subject())) {
            // OIDC Core §3.1.2.2: a positive response only for the person the requested sub names.
            return error(request.redirect(), new OAuthError(ErrorCode.LOGIN_REQUIRED,
                    "the signed-in person is not the one the claims parameter names"));
        }
        Optional<String> code = Optional.empty();
        if (request.responseType().issuesCode()) {
            code = Optional.of(codes.issue(request.client().clientId(), session.accountId(), request.redirect().uri(),
                    request.parameters().has("redirect_uri"), request.codeChallenge(), request.nonce(),
                    request.scopes(), session.authTime(), session.sid(), request.claims().storable()).reveal());
        }
        return new Reply(AuthorizationReply.success(request.redirect(),
                frontChannel.tokens(request, session, account, code), issuer));
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
