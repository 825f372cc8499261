package dev.gantry.conversation.service;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.conversation.mapping.JsonColumns;
import dev.gantry.conversation.repository.SkillEntity;
import dev.gantry.conversation.repository.SkillRepository;
import dev.gantry.conversation.rest.dto.FieldRules;
import dev.gantry.conversation.rest.dto.Skill;
import dev.gantry.conversation.rest.dto.SkillRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The users' skills: what the agent of each of their conversations is told, always or when a message triggers it. */
@ApplicationScoped
public class SkillService {

    private static final String PAGE_SORT = "name";
    private static final Pattern NAME = Pattern.compile(FieldRules.NAME_PATTERN);

    private final SkillRepository skills;
    private final JsonColumns json;
    private final ConversationService conversations;

    SkillService(SkillRepository skills, JsonColumns json, ConversationService conversations) {
        this.skills = skills;
        this.json = json;
        this.conversations = conversations;
    }

    /** Every skill of the conversation's owner, by name: what the agent-worker loads when the conversation starts. */
    @WithSession
    public Uni<List<Skill>> forConversation(UUID conversationId) {
        return conversations.anyOwner(conversationId)
                .flatMap(conversation -> skills.ofUser(conversation.ownerId))
                .map(rows -> rows.stream().map(this::toApi).toList());
    }

    @WithSession
    public Uni<Page<Skill>> list(String userId, String pageId, int limit) {
        PageCursor cursor = PageCursor.decode(pageId, PAGE_SORT);
        return skills.findPage(userId, cursor, limit).map(rows -> Page.of(rows, limit,
                s -> new PageCursor(PAGE_SORT, s.name, s.id), this::toApi));
    }

    @WithSession
    public Uni<Skill> get(String userId, String name) {
        return skills.findByName(userId, name)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("skill", name))
                .map(this::toApi);
    }

    /** 409 when the user has a skill of that name: replacing one is a PUT. */
    @WithTransaction
    public Uni<Skill> create(String userId, SkillRequest request) {
        List<FieldError> errors = triggerErrors(request.triggers());
        if (request.name() == null) {
            errors.addFirst(new FieldError("name", "is required"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        return skills.findByName(userId, request.name()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("name", "a skill of this name exists"));
            }
            return insert(userId, request.name(), request);
        });
    }

    /** Creates or replaces the skill of that name. */
    @WithTransaction
    public Uni<Written<Skill>> put(String userId, String name, SkillRequest request) {
        List<FieldError> errors = triggerErrors(request.triggers());
        if (!NAME.matcher(name).matches()) {
            errors.addFirst(new FieldError("name", FieldRules.NAME_REASON));
        } else if (request.name() != null && !request.name().equals(name)) {
            errors.addFirst(new FieldError("name", "must equal the name in the path"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(errors));
        }
        return skills.findByName(userId, name).flatMap(existing -> {
            if (existing == null) {
                return insert(userId, name, request).map(skill -> new Written<>(true, skill));
            }
            existing.triggers = triggersColumn(request.triggers());
            existing.content = request.content();
            existing.updatedAt = now();
            return Uni.createFrom().item(new Written<>(false, toApi(existing)));
        });
    }

    @WithTransaction
    public Uni<Void> delete(String userId, String name) {
        return skills.delete("userId = ?1 and name = ?2", userId, name).flatMap(deleted -> deleted == 0
                ? Uni.createFrom().failure(ProblemException.notFound("skill", name))
                : Uni.createFrom().voidItem());
    }

    private Uni<Skill> insert(String userId, String name, SkillRequest request) {
        SkillEntity row = new SkillEntity();
        row.id = UUID.randomUUID();
        row.userId = userId;
        row.name = name;
        row.triggers = triggersColumn(request.triggers());
        row.content = request.content();
        row.createdAt = now();
        row.updatedAt = row.createdAt;
        return skills.persist(row).map(this::toApi);
    }

    /** A trigger said twice (ignoring case, as the triggers are matched) is a mistake worth naming. */
    private static List<FieldError> triggerErrors(List<String> triggers) {
        List<FieldError> errors = new ArrayList<>();
        if (triggers == null) {
            return errors;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < triggers.size(); i++) {
            Integer first = seen.putIfAbsent(triggers.get(i).strip().toLowerCase(Locale.ROOT), i);
            if (first != null) {
                errors.add(new FieldError("triggers[" + i + "]", "repeats triggers[" + first + "]"));
            }
        }
        return errors;
    }

    private String triggersColumn(List<String> triggers) {
        return triggers == null || triggers.isEmpty() ? null
                : json.write(triggers.stream().map(String::strip).toList());
    }

    private Skill toApi(SkillEntity row) {
        return new Skill(row.name, json.readList(row.triggers), row.content, row.createdAt, row.updatedAt);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
