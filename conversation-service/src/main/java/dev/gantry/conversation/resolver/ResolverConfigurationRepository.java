package dev.gantry.conversation.resolver;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ResolverConfigurationRepository implements PanacheRepositoryBase<ResolverConfigurationEntity, UUID> {

    public Uni<List<ResolverConfigurationEntity>> forUser(String userId) {
        return find("userId", Sort.by("host").and("repository"), userId).list();
    }

    public Uni<List<ResolverConfigurationEntity>> everyone() {
        return findAll(Sort.by("host").and("repository")).list();
    }

    public Uni<ResolverConfigurationEntity> forRepository(String provider, String host, String repository) {
        return find("provider = ?1 and host = ?2 and lower(repository) = lower(?3)", provider, host, repository).firstResult();
    }
}
