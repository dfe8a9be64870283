package io.latchkey.client;

import io.latchkey.store.ApplicationEntity;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.Transactions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads applications for operators (the admin API, later the console), each in a transaction of its own: one by
 * client_id, or a page of a filtered listing in client_id order. Changes go through {@link ApplicationCommands}.
 */
public final class ApplicationCatalog {
    private final Transactions transactions;
    private final ApplicationRepository applications;

    public ApplicationCatalog(Transactions transactions, ApplicationRepository applications) {
        this.transactions = transactions;
        this.applications = applications;
    }

    /** What a listing keeps; each present filter must hold. */
    public record Filter(Optional<ClientType> type, Optional<Boolean> enabled, Optional<String> containing) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Optional<ApplicationView> find(String clientId) {
        return transactions.inTransaction(em -> applications.findByClientId(em, clientId).map(ApplicationCatalog::view));
    }

    /** Every application in client_id order (for the posture review, which judges them all at once). */
    public List<ApplicationView> all() {
        return transactions.inTransaction(em -> applications.allByClientId(em).stream()
                .map(ApplicationCatalog::view).toList());
    }

    /** One page in client_id order; its key is the client_id of its last application. */
    public Page<ApplicationView> list(Filter filter, PageRequest page) {
        ApplicationRepository.Filter stored = new ApplicationRepository.Filter(filter.type().map(ClientType::wireName),
                filter.enabled(), filter.containing());
        List<ApplicationView> fetched = transactions.inTransaction(em ->
                applications.list(em, stored, page.afterKey(), page.limit() + 1).stream()
                        .map(ApplicationCatalog::view).toList());
        return Page.of(fetched, page, view -> view.definition().clientId());
    }

    static ApplicationView view(ApplicationEntity entity) {
        Set<ResponseType> responseTypes = Arrays.stream(entity.getResponseTypes().split(","))
                .map(type -> ResponseType.parse(type).orElseThrow())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ApplicationDefinition definition = new ApplicationDefinition(entity.getClientId(), entity.getName(),
                ClientType.fromWireName(entity.getType()).orElseThrow(), List.copyOf(entity.getRedirectUris()),
                List.copyOf(entity.getPostLogoutRedirectUris()),
                List.copyOf(entity.getWebOrigins()), new LinkedHashSet<>(entity.getAllowedScopes()),
                new LinkedHashSet<>(entity.getDefaultScopes()), Optional.empty(), entity.isEnabled(),
                AccessTokenPolicy.fromWireName(entity.getAccessTokenPolicy()).orElseThrow(), entity.isFirstParty(),
                entity.isRefreshTokens(), entity.isIntrospectAny(), entity.getMaxReferenceTokenDays(),
                entity.isPasswordGrant(), responseTypes, "reference".equals(entity.getAccessTokenFormat()),
                PkcePolicy.fromWireName(entity.getPkce()).orElseThrow(), entity.isImplicitByFragment(),
                ClientSigning.of(entity), TokenLifetimes.of(entity));
        List<ApplicationView.SecretView> secrets = entity.getSecrets().stream()
                .map(s -> new ApplicationView.SecretView(s.getId(), s.getCreatedAt(), Optional.ofNullable(s.getExpiresAt()),
                        Optional.ofNullable(s.getLastUsedAt())))
                .toList();
        return new ApplicationView(definition, entity.getVersion(), entity.getCreatedAt(), entity.getUpdatedAt(),
                secrets);
    }
}
