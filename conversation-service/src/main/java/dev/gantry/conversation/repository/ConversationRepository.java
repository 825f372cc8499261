package dev.gantry.conversation.repository;

import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.messaging.ConversationProgress;
import dev.gantry.conversation.service.ConversationQuery;
import dev.gantry.conversation.service.ConversationSort;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<ConversationEntity, UUID> {

    public Uni<ConversationEntity> findOwned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    /**
     * As {@link #findOwned}, locking its row until the end of the transaction: a command decides by its status
     * whether it is held for a queued conversation, and the admission pass must not change that status meanwhile.
     */
    public Uni<ConversationEntity> findOwnedForUpdate(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The owner's conversation created with this idempotency key after {@code since}, or null. */
    public Uni<ConversationEntity> findByIdempotencyKey(String ownerId, String key, Instant since) {
        return find("ownerId = ?1 and idempotencyKey = ?2 and createdAt >= ?3", ownerId, key, since).firstResult();
    }

    /**
     * Frees the owner's idempotency key from a conversation created with it before {@code before} (past its
     * retention), so a new create may take it.
     */
    public Uni<Integer> freeIdempotencyKey(String ownerId, String key, Instant before) {
        return update("idempotencyKey = null, requestFingerprint = null"
                + " where ownerId = ?1 and idempotencyKey = ?2 and createdAt < ?3", ownerId, key, before);
    }

    /** How many conversations there are in each status (statuses without any are left out), in one grouped count. */
    public Uni<Map<ExecutionStatus, Long>> countByStatus() {
        return getSession().flatMap(session -> session
                        .createSelectionQuery("select status, count(*) from ConversationEntity group by status", Object[].class)
                        .getResultList())
                .map(rows -> {
                    Map<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
                    rows.forEach(row -> counts.put((ExecutionStatus) row[0], (Long) row[1]));
                    return counts;
                });
    }

    /** The page the query asks for, plus one row more when there is a next page. */
    public Uni<List<ConversationEntity>> findPage(ConversationQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (query.ownerId() != null) {
            where.append(" and ownerId = :owner");
            params.and("owner", query.ownerId());
        }
        if (query.status() != null) {
            where.append(" and status = :status");
            params.and("status", query.status());
        }
        if (query.titleContains() != null) {
            where.append(" and lower(title) like :title escape '\\'");
            params.and("title", "%" + escapeLike(query.titleContains().toLowerCase(Locale.ROOT)) + "%");
        }
        range(where, params, "createdAt", ">", "createdAfter", query.createdAfter());
        range(where, params, "createdAt", "<", "createdBefore", query.createdBefore());
        range(where, params, "updatedAt", ">", "updatedAfter", query.updatedAfter());
        range(where, params, "updatedAt", "<", "updatedBefore", query.updatedBefore());
        ConversationSort sort = query.sort();
        String attribute = sort.attribute();
        if (query.cursor() != null) {
            String after = sort.ascending() ? ">" : "<";
            where.append(" and (%1$s %2$s :cursorValue or (%1$s = :cursorValue and id %2$s :cursorId))"
                    .formatted(attribute, after));
            params.and("cursorValue", query.cursor().instantValue()).and("cursorId", query.cursor().id());
        }
        Sort.Direction direction = sort.ascending() ? Sort.Direction.Ascending : Sort.Direction.Descending;
        return find(where.toString(), Sort.by(attribute, direction).and("id", direction), params)
                .range(0, query.limit()).list();
    }

    /**
     * Applies one event to its conversation's projection, unless the conversation has already seen
     * this seq or a later one (a redelivery). Totals, not increments, are stored, so this is idempotent.
     *
     * @return the number of rows changed: 0 for a repeat or an unknown (deleted) conversation
     */
    /**
     * Brings the conversation's row to {@code progress}: last seq and update time, and the status and metrics it
     * carries; 0 (nothing changed) when the row is there already or further (a redelivery) or is gone.
     */
    public Uni<Integer> applyProgress(ConversationProgress progress) {
        StringBuilder set = new StringBuilder("lastSeq = :seq, updatedAt = :at");
        Parameters params = Parameters.with("seq", progress.seq())
                .and("at", progress.at())
                .and("id", progress.conversationId());
        if (progress.status() != null) {
            // a queued conversation stays queued whatever its earlier run's late events say: admission lets it run
            set.append(", status = case when status = :queued then status else :status end");
            params.and("status", progress.status()).and("queued", ExecutionStatus.QUEUED);
        }
        if (progress.metrics() != null) {
            set.append(", metrics.promptTokens = :promptTokens, metrics.completionTokens = :completionTokens,"
                    + " metrics.cost = :cost, metrics.llmCalls = :llmCalls, metrics.llmLatencyMillis = :llmLatencyMillis");
            params.and("promptTokens", progress.metrics().promptTokens())
                    .and("completionTokens", progress.metrics().completionTokens())
                    .and("cost", progress.metrics().cost())
                    .and("llmCalls", progress.metrics().llmCalls())
                    .and("llmLatencyMillis", progress.metrics().llmLatencyMillis());
        }
        return update(set + " where id = :id and lastSeq < :seq", params);
    }

    private static void range(StringBuilder where, Parameters params, String attribute, String operator,
            String name, Instant bound) {
        if (bound != null) {
            where.append(" and %s %s :%s".formatted(attribute, operator, name));
            params.and(name, bound);
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
