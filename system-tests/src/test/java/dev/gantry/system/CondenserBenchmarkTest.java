package dev.gantry.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.ServiceProcess;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.testing.llm.ScriptedLlmServer.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A conversation of 1,000 agent steps with the condenser on (LLM summaries, {@code maxSize} 80, {@code keepFirst} 4),
 * each step a terminal command in the sandbox answered by the scripted LLM: the request the worker sends must stay
 * within {@code maxSize} events, and the worker's heap after a full GC is printed at steps 100, 500 and 1,000.
 * Figures, and the one check on the request size: {@code mvn -B -pl system-tests verify -Pbenchmark
 * -Dtest=CondenserBenchmarkTest}; {@code -Dgantry.benchmark.condenser=off} runs the same without a condenser, for
 * comparison (no check then).
 */
@Tag("benchmark")
class CondenserBenchmarkTest {

    private static final int STEPS = 1000;
    private static final int MAX_SIZE = 80;
    private static final int KEEP_FIRST = 4;
    private static final Set<Integer> MEASURED = Set.of(100, 500, 1000);
    private static final String MODE = System.getProperty("gantry.benchmark.condenser", "llm");

    @Test
    void aThousandStepsKeepTheRequestWithinMaxSizeAndTheWorkersHeapFlat() {
        TestUser user = TestUser.create("condenser-bench");
        user.api.request().body(Map.of("maxIterations", STEPS * 2,
                        "condenser", Map.of("mode", MODE, "maxSize", MAX_SIZE, "keepFirst", KEEP_FIRST)))
                .post("/api/v1/settings").then().statusCode(200);
        ServiceProcess worker = Platform.get().service("agent-worker");
        List<Integer> requestSizes = Collections.synchronizedList(new ArrayList<>());
        List<String> rows = Collections.synchronizedList(new ArrayList<>());
        int[] summaries = {0};
        user.llm().withoutRecording().otherwise(request -> {
            if (!request.has("tools")) {
                summaries[0]++;
                return completion("GOAL: run the numbered steps.\nDONE: steps up to the latest one, each printing"
                        + " its numbers.\nNEXT: the following steps.", List.of());
            }
            int size = request.path("messages").size();
            requestSizes.add(size);
            int step = requestSizes.size();
            if (MEASURED.contains(step)) {
                rows.add(String.format("%6d %14d %14d %16d %16.1f", step, size, max(requestSizes), summaries[0],
                        heapAfterGc(worker) / 1048576.0));
            }
            return step <= STEPS
                    ? completion(null, List.of(ScriptedLlmServer.ToolCall.of("terminal",
                            "{\"command\": \"echo step " + step + "; seq 1 150 | tr '\\\\n' ' '\"}")))
                    : completion(null, List.of(ScriptedLlmServer.ToolCall.of("finish", "{\"message\": \"done\"}")));
        });
        String id = user.startConversation().getString("id");
        long started = System.nanoTime();
        user.send(id, "Run the numbered steps, one terminal command each.");
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(2))
                .until(() -> user.status(id), status -> Set.of("finished", "error", "stuck").contains(status));
        double minutes = (System.nanoTime() - started) / 6e10;

        System.out.printf("%nCondenser benchmark: %d steps, condenser %s, maxSize %d, keepFirst %d (%.1f min)%n", STEPS,
                MODE, MAX_SIZE, KEEP_FIRST, minutes);
        System.out.printf("%6s %14s %14s %16s %16s%n", "step", "events sent", "most so far", "condensations",
                "worker heap MB");
        rows.forEach(System.out::println);
        System.out.printf("requests: %d, events sent per request: min %d, max %d; status %s%n", requestSizes.size(),
                Collections.min(requestSizes), max(requestSizes), user.status(id));

        assertThat(user.status(id)).isEqualTo("finished");
        assertThat(requestSizes).hasSize(STEPS + 1);
        if (!MODE.equals("off")) {
            assertThat(requestSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(MAX_SIZE));
        }
        assertThat(rows).hasSize(MEASURED.size());
    }

    private static Reply completion(String text, List<ScriptedLlmServer.ToolCall> calls) {
        return new Reply.Completion(text, calls, ScriptedLlmServer.Script.PROMPT_TOKENS,
                ScriptedLlmServer.Script.COMPLETION_TOKENS, Optional.empty());
    }

    private static int max(List<Integer> sizes) {
        synchronized (sizes) {
            return Collections.max(sizes);
        }
    }

    /** The worker's heap in use right after a full collection ({@code jcmd GC.run}), from its own metrics. */
    private static double heapAfterGc(ServiceProcess worker) {
        try {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(worker.pid()), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                throw new IllegalStateException("jcmd GC.run failed for the agent-worker");
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String metrics = given().baseUri(worker.managementUrl().toString()).get("/q/metrics").then().statusCode(200).extract()
                .asString();
        double heap = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertThat(heap).as("the worker's heap metrics").isPositive();
        return heap;
    }
}
