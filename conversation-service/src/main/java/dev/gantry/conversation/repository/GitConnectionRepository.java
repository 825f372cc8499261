package dev.gantry.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GitConnectionRepository implements PanacheRepositoryBase<GitConnectionEntity, UUID> {

    /** A user has few connections (one per host): all of them, by host. */
    public Uni<List<GitConnectionEntity>> forUser(String userId) {
        return find("userId", Sort.by("host"), userId).list();
    }

    public Uni<GitConnectionEntity> findByHost(String userId, String host) {
        return find("userId = ?1 and host = ?2", userId, host).firstResult();
    }
}
