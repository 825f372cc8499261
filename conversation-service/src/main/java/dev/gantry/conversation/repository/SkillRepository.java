package dev.gantry.conversation.repository;

import dev.gantry.conversation.service.PageCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SkillRepository implements PanacheRepositoryBase<SkillEntity, UUID> {

    public Uni<SkillEntity> findByName(String userId, String name) {
        return find("userId = ?1 and name = ?2", userId, name).firstResult();
    }

    /** Every skill of the user, by name. */
    public Uni<List<SkillEntity>> ofUser(String userId) {
        return find("userId = ?1", Sort.by("name"), userId).list();
    }

    /** A page by name, plus one row more when there is a next page. */
    public Uni<List<SkillEntity>> findPage(String userId, PageCursor after, int limit) {
        return after == null
                ? find("userId = ?1", Sort.by("name"), userId).range(0, limit).list()
                : find("userId = ?1 and name > ?2", Sort.by("name"), userId, after.value()).range(0, limit).list();
    }
}
