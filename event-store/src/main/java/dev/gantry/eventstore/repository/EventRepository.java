package dev.gantry.eventstore.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.eventstore.mapping.EventSourceNames;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The event log in PostgreSQL, through the reactive client: a batch is one multi-row statement,
 * which is what lets ingest keep up with the topic.
 */
@ApplicationScoped
public class EventRepository {

    private static final String COLUMNS = "id, conversation_id, seq, occurred_at, source, kind, payload::text AS payload";

    // UNNEST turns one array per column into rows: one round trip per batch whatever its size.
    // The payload travels as text and is cast here: a String bound to a jsonb parameter would be
    // stored as a JSON string, not as the object it spells. The heads are read in the same
    // statement, so from the same snapshot, before the insert: they are the logs the batch extends. Only the
    // heads of the conversations named in $8 are read, those whose head the caller does not know already.
    // LATERAL max(seq) per conversation reads the primary key backwards; a join on the CTE would scan the table.
    private static final String INSERT = """
            WITH batch (conversation_id, seq, id, occurred_at, source, kind, payload) AS (
                SELECT * FROM UNNEST($1::uuid[], $2::int8[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::text[])
            ), heads AS (
                SELECT conversation.id, head.seq FROM UNNEST($8::uuid[]) AS conversation (id)
                CROSS JOIN LATERAL (SELECT max(seq) AS seq FROM conversation_events
                                    WHERE conversation_id = conversation.id) AS head
                WHERE head.seq IS NOT NULL
            ), stored AS (
                INSERT INTO conversation_events (conversation_id, seq, id, occurred_at, source, kind, payload)
                SELECT conversation_id, seq, id, occurred_at, source, kind, payload::jsonb FROM batch
                ON CONFLICT (conversation_id, seq) DO NOTHING
                RETURNING conversation_id, seq
            )
            SELECT true AS stored, conversation_id, seq FROM stored
            UNION ALL
            SELECT false AS stored, id, seq FROM heads""";

    private static final String FILTER = "($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR source = $3)";

    private static final String PAGE = "SELECT " + COLUMNS + " FROM conversation_events"
            + " WHERE conversation_id = $1 AND " + FILTER + " AND seq > $4 ORDER BY seq LIMIT $5";

    private static final String COUNT = "SELECT count(*) FROM conversation_events WHERE conversation_id = $1 AND " + FILTER;

    private static final String BY_ID = "SELECT " + COLUMNS + " FROM conversation_events"
            + " WHERE conversation_id = $1 AND id = $2 ORDER BY seq LIMIT 1";

    private static final String HEAD = "SELECT coalesce(max(seq), 0) FROM conversation_events WHERE conversation_id = $1";

    private static final String HEADS = "SELECT conversation.id, head.seq FROM UNNEST($1::uuid[]) AS conversation (id)"
            + " CROSS JOIN LATERAL (SELECT coalesce(max(seq), 0) AS seq FROM conversation_events"
            + " WHERE conversation_id = conversation.id) AS head";

    private static final String DELETE = "DELETE FROM conversation_events WHERE conversation_id = $1";

    private final Pool pool;
    private final ObjectMapper mapper;

    public EventRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * Stores the events that are not stored yet, in one statement, and tells what the logs of the
     * conversations named in {@code readHeads} held before.
     */
    public Uni<BatchInsert> insertNew(List<ConversationEvent> events, List<UUID> readHeads) {
        int size = events.size();
        UUID[] conversationIds = new UUID[size];
        Long[] seqs = new Long[size];
        UUID[] ids = new UUID[size];
        OffsetDateTime[] timestamps = new OffsetDateTime[size];
        String[] sources = new String[size];
        String[] kinds = new String[size];
        String[] payloads = new String[size];
        for (int i = 0; i < size; i++) {
            ConversationEvent event = events.get(i);
            conversationIds[i] = event.conversationId();
            seqs[i] = event.seq();
            ids[i] = event.id();
            timestamps[i] = event.timestamp().atOffset(ZoneOffset.UTC);
            sources[i] = EventSourceNames.nameOf(event.source());
            kinds[i] = event.kind();
            payloads[i] = json(event);
        }
        Tuple arrays = Tuple.tuple().addArrayOfUUID(conversationIds).addArrayOfLong(seqs).addArrayOfUUID(ids)
                .addArrayOfOffsetDateTime(timestamps).addArrayOfString(sources).addArrayOfString(kinds)
                .addArrayOfString(payloads).addArrayOfUUID(readHeads.toArray(UUID[]::new));
        return pool.preparedQuery(INSERT).execute(arrays).map(EventRepository::batchInsert);
    }

    /** Up to {@code limit} events after {@code afterSeq}, by seq ascending. */
    public Uni<List<ConversationEvent>> page(UUID conversationId, EventFilter filter, long afterSeq, int limit) {
        Tuple parameters = filtered(conversationId, filter).addLong(afterSeq).addInteger(limit);
        return pool.preparedQuery(PAGE).execute(parameters).map(this::events);
    }

    public Uni<Long> count(UUID conversationId, EventFilter filter) {
        return pool.preparedQuery(COUNT).execute(filtered(conversationId, filter))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Optional<ConversationEvent>> findById(UUID conversationId, UUID eventId) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(conversationId, eventId))
                .map(rows -> events(rows).stream().findFirst());
    }

    /** The last stored seq of a conversation, 0 when it has none. */
    public Uni<Long> lastSeq(UUID conversationId) {
        return pool.preparedQuery(HEAD).execute(Tuple.of(conversationId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The last stored seq of each of these conversations (0 when it has none), in one statement. */
    public Uni<Map<UUID, Long>> lastSeqs(Collection<UUID> conversationIds) {
        return pool.preparedQuery(HEADS).execute(Tuple.tuple().addArrayOfUUID(conversationIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Long> heads = new HashMap<>();
                    rows.forEach(row -> heads.put(row.getUUID(0), row.getLong(1)));
                    return heads;
                });
    }

    /** Forgets every event of a conversation, returning how many there were. */
    public Uni<Integer> deleteConversation(UUID conversationId) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(conversationId)).map(RowSet::rowCount);
    }

    private static Tuple filtered(UUID conversationId, EventFilter filter) {
        String source = filter.source() == null ? null : EventSourceNames.nameOf(filter.source());
        return Tuple.tuple().addUUID(conversationId).addString(filter.kind()).addString(source);
    }

    private static BatchInsert batchInsert(RowSet<Row> rows) {
        List<StoredHead> stored = new ArrayList<>(rows.rowCount());
        List<StoredHead> headsBefore = new ArrayList<>();
        for (Row row : rows) {
            StoredHead head = new StoredHead(row.getUUID(1), row.getLong(2));
            (row.getBoolean(0) ? stored : headsBefore).add(head);
        }
        return new BatchInsert(stored, headsBefore);
    }

    private List<ConversationEvent> events(RowSet<Row> rows) {
        List<ConversationEvent> events = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            events.add(event(row));
        }
        return events;
    }

    /** Rebuilds the envelope as it travels on the wire and reads it with the contracts' mapping. */
    private ConversationEvent event(Row row) {
        try {
            ObjectNode envelope = mapper.createObjectNode()
                    .put("id", row.getUUID("id").toString())
                    .put("conversationId", row.getUUID("conversation_id").toString())
                    .put("seq", row.getLong("seq"))
                    .put("timestamp", row.getOffsetDateTime("occurred_at").toInstant().toString())
                    .put("source", row.getString("source"))
                    .put("kind", row.getString("kind"));
            envelope.set("payload", mapper.readTree(row.getString("payload")));
            return mapper.treeToValue(envelope, ConversationEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + row.getUUID("id") + " does not read back: "
                    + e.getOriginalMessage(), e);
        }
    }

    private String json(ConversationEvent event) {
        try {
            return mapper.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " has a payload that does not write as JSON", e);
        }
    }
}
