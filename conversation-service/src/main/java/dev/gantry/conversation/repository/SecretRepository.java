package dev.gantry.conversation.repository;

import dev.gantry.conversation.service.PageCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SecretRepository implements PanacheRepositoryBase<SecretEntity, UUID> {

    public Uni<SecretEntity> findByName(String userId, String name) {
        return find("userId = ?1 and name = ?2", userId, name).firstResult();
    }

    /** The names among {@code names} the user has a secret for. */
    public Uni<List<String>> existingNames(String userId, Collection<String> names) {
        return find("select s.name from SecretEntity s where s.userId = ?1 and s.name in ?2", userId, names)
                .project(String.class).list();
    }

    /** A page by name, plus one row more when there is a next page. */
    public Uni<List<SecretEntity>> findPage(String userId, PageCursor after, int limit) {
        return after == null
                ? find("userId = ?1", Sort.by("name"), userId).range(0, limit).list()
                : find("userId = ?1 and name > ?2", Sort.by("name"), userId, after.value()).range(0, limit).list();
    }
}
