package dev.gantry.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeProblemExceptionTest {

    @Test
    void tellsTheModelTheDetailAndEveryRejectedFieldWithItsReason() {
        RuntimeProblemException problem = new RuntimeProblemException(400, """
                {"type": "https://gantry.dev/problems/validation", "title": "Bad Request", "status": 400,
                 "detail": "the request has invalid fields",
                 "errors": [{"field": "path", "reason": "must be absolute"}]}""");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo("the request has invalid fields\n- path: must be absolute");
    }

    @Test
    void aToolMessageTheRuntimeRepeatsAsItsOnlyFieldReasonReachesTheModelOnceAsWritten() {
        RuntimeProblemException problem = new RuntimeProblemException(422, """
                {"type": "https://gantry.dev/problems/not-applicable", "title": "Edit not applicable", "status": 422,
                 "detail": "No edit history found for /w/a.txt.",
                 "errors": [{"field": "path", "reason": "No edit history found for /w/a.txt."}]}""");
        assertThat(problem.getMessage()).isEqualTo("No edit history found for /w/a.txt.");

        RuntimeProblemException missing = new RuntimeProblemException(400, """
                {"type": "https://gantry.dev/problems/validation", "title": "Invalid request", "status": 400,
                 "detail": "newStr: Parameter `new_str` is required for command: str_replace.",
                 "errors": [{"field": "newStr", "reason": "Parameter `new_str` is required for command: str_replace."}]}""");
        assertThat(missing.getMessage()).isEqualTo("Parameter `new_str` is required for command: str_replace.");
    }

    @Test
    void anAnswerThatIsNotAProblemStillNamesTheStatus() {
        assertThat(new RuntimeProblemException(502, "<html>Bad Gateway</html>").getMessage())
                .isEqualTo("the sandbox answered HTTP 502");
    }
}
