package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Applications by client_id; the returned entity has its collections loaded. */
public final class ApplicationRepository {

    public Optional<ApplicationEntity> findByClientId(EntityManager em, String clientId) {
        List<ApplicationEntity> found = em.createQuery(
                        "select a from ApplicationEntity a where a.clientId = :clientId", ApplicationEntity.class)
                .setParameter("clientId", clientId)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApplicationEntity application = found.get(0);
        application.getRedirectUris().size();
        application.getPostLogoutRedirectUris().size();
        application.getAllowedScopes().size();
        application.getDefaultScopes().size();
        application.getSecrets().size();
        return Optional.of(application);
    }

    /** The response-type lists of enabled applications (comma-separated each), for discovery. */
    public List<String> responseTypesInUse(EntityManager em) {
        return em.createQuery("select distinct a.responseTypes from ApplicationEntity a where a.enabled = true",
                String.class).getResultList();
    }

    public void add(EntityManager em, ApplicationEntity application) {
        em.persist(application);
    }
}
