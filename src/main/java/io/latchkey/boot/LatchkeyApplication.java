package io.latchkey.boot;

import io.latchkey.audit.AuditTrail;
import io.latchkey.account.AccountService;
import io.latchkey.admin.AdminAuthentication;
import io.latchkey.admin.AdminAuthenticationFilter;
import io.latchkey.admin.AdminProblemMapper;
import io.latchkey.admin.AccountsResource;
import io.latchkey.admin.ApisResource;
import io.latchkey.admin.ApplicationsResource;
import io.latchkey.admin.AuditResource;
import io.latchkey.admin.ConsentsResource;
import io.latchkey.admin.RefreshTokenFamiliesResource;
import io.latchkey.admin.TokensResource;
import io.latchkey.audit.AuditHistory;
import io.latchkey.consent.ConsentRecords;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.RefreshTokenFamilies;
import io.latchkey.admin.ExportResource;
import io.latchkey.admin.ScopesResource;
import io.latchkey.admin.OpenApiResource;
import io.latchkey.admin.SigningKeysResource;
import io.latchkey.admin.UnknownAdminPathResource;
import io.latchkey.authorize.AuthorizationService;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ClientDirectory;
import io.latchkey.consent.ConsentService;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.error.OAuthExceptionMapper;
import io.latchkey.error.UnexpectedExceptionMapper;
import io.latchkey.error.WebApplicationExceptionMapper;
import io.latchkey.grant.TokenEndpoint;
import io.latchkey.key.KeyRing;
import io.latchkey.protocol.DiscoveryDocument;
import io.latchkey.protocol.AuthorizeResource;
import io.latchkey.protocol.DiscoveryResource;
import io.latchkey.protocol.IntrospectionResource;
import io.latchkey.protocol.JwksResource;
import io.latchkey.protocol.LogoutResource;
import io.latchkey.protocol.NoStoreFilter;
import io.latchkey.protocol.CrossOriginFilter;
import io.latchkey.protocol.CrossOriginPolicy;
import io.latchkey.protocol.RevocationResource;
import io.latchkey.protocol.TokenInfoResource;
import io.latchkey.protocol.TokenResource;
import io.latchkey.protocol.UserInfoResource;
import io.latchkey.session.BrowserSessions;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.session.LogoutService;
import io.latchkey.token.IntrospectionEndpoint;
import io.latchkey.token.RevocationEndpoint;
import io.latchkey.token.TokenInfoEndpoint;
import io.latchkey.token.UserInfoEndpoint;
import io.latchkey.token.ReferenceTokenService;
import io.latchkey.web.AccountTokensPage;
import io.latchkey.web.AuthorizationResponses;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.ConsentPage;
import io.latchkey.web.IssuerUrls;
import io.latchkey.web.LoginPage;
import io.latchkey.web.MyApplicationsPage;
import io.latchkey.web.TemplateRenderer;
import io.latchkey.web.ViewWriter;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletProperties;

/** The Jersey application: every resource and provider registered by name (no package scanning). */
public final class LatchkeyApplication extends ResourceConfig {

    public LatchkeyApplication(Latchkey latchkey, TemplateRenderer renderer, BrowserCookies cookies) {
        register(DiscoveryResource.class);
        register(JwksResource.class);
        register(TokenResource.class);
        register(AuthorizeResource.class);
        register(UserInfoResource.class);
        register(LogoutResource.class);
        register(IntrospectionResource.class);
        register(RevocationResource.class);
        register(TokenInfoResource.class);
        register(ApplicationsResource.class);
        // The oversight and audit resources: everyone's consents, tokens and refresh token families; the trail.
        register(ConsentsResource.class);
        register(TokensResource.class);
        register(RefreshTokenFamiliesResource.class);
        register(AuditResource.class);
        // Scopes, APIs, accounts, the export.
        register(ScopesResource.class);
        register(ApisResource.class);
        register(AccountsResource.class);
        register(ExportResource.class);
        register(SigningKeysResource.class);
        register(io.latchkey.admin.PostureResource.class);
        register(OpenApiResource.class);
        register(UnknownAdminPathResource.class);
        register(AdminAuthenticationFilter.class);
        register(AdminProblemMapper.class);
        register(LoginPage.class);
        register(io.latchkey.web.LandingPage.class);
        register(io.latchkey.web.PasswordResetPage.class);
        register(ConsentPage.class);
        register(AccountTokensPage.class);
        register(MyApplicationsPage.class);
        register(io.latchkey.web.admin.OverviewPage.class);
        register(io.latchkey.web.admin.ApplicationsPage.class);
        register(io.latchkey.web.admin.ApplicationCreationPage.class);
        register(io.latchkey.web.admin.PosturePage.class);
        register(io.latchkey.web.admin.TokensPage.class);
        register(io.latchkey.web.admin.SigningKeysPage.class);
        register(io.latchkey.web.admin.AuditLogPage.class);
        register(io.latchkey.web.admin.PeoplePage.class);
        register(io.latchkey.web.admin.ScopesPage.class);
        register(io.latchkey.web.admin.ApisPage.class);
        register(io.latchkey.web.admin.ExportDownload.class);
        register(io.latchkey.web.admin.ReauthenticationPage.class);
        register(NoStoreFilter.class);
        register(CrossOriginFilter.class);
        register(OAuthExceptionMapper.class);
        register(WebApplicationExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
        register(ViewWriter.class);
        register(JacksonFeature.withoutExceptionMappers());
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        // Running as a filter: the stylesheet and images go on to the container's default servlet.
        property(ServletProperties.FILTER_STATIC_CONTENT_REGEX, "/static/.*");
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(new io.latchkey.protocol.RequestParameter())
                        .to(org.glassfish.jersey.server.spi.internal.ValueParamProvider.class);
                bind(latchkey.tokenEndpoint()).to(TokenEndpoint.class);
                bind(latchkey.keys()).to(KeyRing.class);
                bind(latchkey.discovery()).to(DiscoveryDocument.class);
                bind(latchkey.crossOrigin()).to(CrossOriginPolicy.class);
                bind(latchkey.accounts()).to(AccountService.class);
                bind(latchkey.audit()).to(AuditTrail.class);
                bind(latchkey.people().authorization()).to(AuthorizationService.class);
                bind(latchkey.people().sessions()).to(BrowserSessions.class);
                bind(new io.latchkey.session.AccountSessions(latchkey.database().transactions(),
                        new io.latchkey.store.BrowserSessionRepository(), latchkey.audit(), java.time.Clock.systemUTC()))
                        .to(io.latchkey.session.AccountSessions.class);
                bind(latchkey.people().logout()).to(LogoutService.class);
                bind(latchkey.people().userInfo()).to(UserInfoEndpoint.class);
                bind(latchkey.people().consents()).to(ConsentService.class);
                bind(latchkey.people().clients()).to(ClientDirectory.class);
                bind(latchkey.people().scopes()).to(ScopeCatalog.class);
                bind(latchkey.tokens().introspection()).to(IntrospectionEndpoint.class);
                bind(latchkey.tokens().revocation()).to(RevocationEndpoint.class);
                bind(latchkey.tokens().tokenInfo()).to(TokenInfoEndpoint.class);
                bind(latchkey.tokens().referenceTokens()).to(ReferenceTokenService.class);
                bind(latchkey.applicationCommands()).to(ApplicationCommands.class);
                // The oversight and audit resources' services.
                bind(latchkey.oversight().consents()).to(ConsentRecords.class);
                bind(latchkey.oversight().referenceTokens()).to(IssuedReferenceTokens.class);
                bind(latchkey.oversight().refreshTokenFamilies()).to(RefreshTokenFamilies.class);
                bind(latchkey.auditHistory()).to(AuditHistory.class);
                bind(new ApplicationCatalog(latchkey.database().transactions(), new ApplicationRepository()))
                        .to(ApplicationCatalog.class);
                bind(new AdminAuthentication(latchkey.issuer(), latchkey.people().verifier(), latchkey.people().clients(),
                        latchkey.accounts(), latchkey.people().scopes())).to(AdminAuthentication.class);
                // Scopes, APIs, accounts, the export.
                bind(latchkey.scopeCommands()).to(io.latchkey.consent.ScopeCommands.class);
                bind(latchkey.accountCommands()).to(io.latchkey.account.AccountCommands.class);
                bind(latchkey.accounts().throttle()).to(io.latchkey.account.LoginThrottle.class);
                bind(latchkey.export()).to(ConfigurationExport.class);
                bind(latchkey.posture()).to(io.latchkey.posture.PostureReview.class);
                bind(new io.latchkey.store.OverviewCounts(latchkey.database().transactions()))
                        .to(io.latchkey.store.OverviewCounts.class);
                bind(cookies).to(BrowserCookies.class);
                IssuerUrls urls = new IssuerUrls(latchkey.issuer());
                bind(urls).to(IssuerUrls.class);
                bind(new io.latchkey.web.admin.ConsoleAccess(latchkey.accounts(), latchkey.people().sessions(), cookies,
                        urls, new io.latchkey.web.admin.RecentSignIn(latchkey.settings().consoleRecentSignIn(),
                        java.time.Clock.systemUTC()))).to(io.latchkey.web.admin.ConsoleAccess.class);
                bind(new AuthorizationResponses(urls)).to(AuthorizationResponses.class);
                bind(renderer).to(TemplateRenderer.class);
            }
        });
    }
}
