package dev.gantry.runtime.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.runtime.actions.ActionAnswer;
import dev.gantry.runtime.actions.ActionJournal;
import dev.gantry.runtime.actions.ActionKey;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The routes that carry out an action ({@code terminal}, {@code editor}, an MCP message, the clone) run it
 * through the {@link ActionJournal} when the call names its action ({@value GantryHeaders#ACTION_ID}): once, a
 * repeat answered as the first run was, refusals included. A call without the header runs as it always did.
 */
@Singleton
public class ActionRequests {

    /** Set on an answer the journal gave instead of running the action again. */
    public static final String REPLAYED = "X-Gantry-Action-Replayed";

    private static final ObjectMapper JSON = GantryJson.mapper();

    private final ActionJournal journal;

    ActionRequests(ActionJournal journal) {
        this.journal = journal;
    }

    /**
     * @param route    names the kind of action, with {@code request} what makes a repeat the same action
     * @param request  what was asked, as it identifies the action (written as JSON)
     * @param action   runs it; its {@link ApiProblem} is the answer as much as a result is
     * @param problems turns another exception of the action into its answer, or returns null to let it pass
     */
    public Response answer(String actionId, String route, Object request, Supplier<?> action,
            Function<RuntimeException, Problem> problems) {
        if (actionId == null) {
            return Response.ok(action.get(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (!ActionKey.validId(actionId)) {
            throw ApiProblem.invalidField(GantryHeaders.ACTION_ID, "must be 1 to 128 letters, digits, '.', '_', ':'"
                    + " or '-'");
        }
        ActionAnswer answer = journal.once(new ActionKey(actionId, route + " " + json(request)), () -> {
            try {
                return new ActionAnswer(200, json(action.get()), false);
            } catch (ApiProblem refused) {
                return problem(refused.problem());
            } catch (RuntimeException e) {
                Problem problem = problems.apply(e);
                if (problem == null) {
                    throw e;
                }
                return problem(problem);
            }
        });
        return Response.status(answer.status())
                .type(answer.problem() ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .header(REPLAYED, answer.replayed() ? "true" : null)
                .entity(answer.body())
                .build();
    }

    /** {@link #answer} for an action whose only refusals are {@link ApiProblem}s. */
    public Response answer(String actionId, String route, Object request, Supplier<?> action) {
        return answer(actionId, route, request, action, e -> null);
    }

    private static ActionAnswer problem(Problem problem) {
        return new ActionAnswer(problem.status(), json(problem), false);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer does not write as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
