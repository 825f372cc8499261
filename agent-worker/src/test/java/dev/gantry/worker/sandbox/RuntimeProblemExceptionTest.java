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
    void anAnswerThatIsNotAProblemStillNamesTheStatus() {
        assertThat(new RuntimeProblemException(502, "<html>Bad Gateway</html>").getMessage())
                .isEqualTo("the sandbox answered HTTP 502");
    }
}
