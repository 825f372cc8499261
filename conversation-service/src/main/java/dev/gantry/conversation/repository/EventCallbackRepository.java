package dev.gantry.conversation.repository;

import dev.gantry.conversation.service.PageCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EventCallbackRepository implements PanacheRepositoryBase<EventCallbackEntity, UUID> {

    /** All of a user's callbacks, in creation order. */
    public Uni<List<EventCallbackEntity>> ofUser(String userId) {
        return find("userId = ?1", Sort.by("createdAt").and("id"), userId).list();
    }

    /** A page in creation order, plus one row more when there is a next page. */
    public Uni<List<EventCallbackEntity>> findPage(String userId, PageCursor after, int limit) {
        Sort order = Sort.by("createdAt").and("id");
        return after == null
                ? find("userId = ?1", order, userId).range(0, limit).list()
                : find("userId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3))", order,
                        userId, after.instantValue(), after.id()).range(0, limit).list();
    }
}
