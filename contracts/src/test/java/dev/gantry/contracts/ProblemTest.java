package dev.gantry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void writesTheRfc9457FieldsAndTheRejectedFields() throws Exception {
        Problem problem = Problem.of("validation", "Invalid request", 400, "1 field is invalid")
                .withInstance("/api/v1/conversations")
                .withErrors(List.of(new FieldError("limit", "must be at most 100")));

        JsonNode json = GantryJson.mapper().valueToTree(problem);

        assertThat(json).isEqualTo(GantryJson.mapper().readTree("""
                {"type":"https://gantry.dev/problems/validation","title":"Invalid request","status":400,
                 "detail":"1 field is invalid","instance":"/api/v1/conversations",
                 "errors":[{"field":"limit","reason":"must be at most 100"}]}"""));
        assertThat(GantryJson.mapper().treeToValue(json, Problem.class)).isEqualTo(problem);
    }

    @Test
    void leavesOutWhatIsNotSet() {
        JsonNode json = GantryJson.mapper().valueToTree(Problem.of("not-found", "Not found", 404, null));

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("type", "title", "status");
    }

    @Test
    void refusesANonErrorStatus() {
        assertThatThrownBy(() -> Problem.of("ok", "OK", 200, null)).hasMessageContaining("not 200");
    }
}
