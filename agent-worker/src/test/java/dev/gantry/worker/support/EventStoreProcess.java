package dev.gantry.worker.support;

import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.platform.auth.ServiceTokenVerifier;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import dev.gantry.testing.auth.TestCallers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The REAL event-store, run from the jar its module builds before this one, against the test's Kafka
 * broker, the machine's PostgreSQL (database {@value #DATABASE}) and Redis: a worker that takes a
 * conversation over reads its history back from it.
 */
final class EventStoreProcess {

    static final String DATABASE = "gantry_events_test";
    private static final Path JAR = Path.of(System.getProperty("gantry.test.event-store-jar",
            "../event-store/target/quarkus-app/quarkus-run.jar"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private EventStoreProcess() {
    }

    /** Starts it and waits until it answers; returns its base URL. */
    static String start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("the event-store jar " + JAR.toAbsolutePath() + " is missing:"
                    + " build the event-store module first, or point -Dgantry.event-store.jar at one");
        }
        PostgresTestResource postgres = new PostgresTestResource();
        postgres.init(Map.of("database", DATABASE, "jdbc", "true"));
        Map<String, String> env = new HashMap<>();
        postgres.start().forEach((key, value) -> env.put(environmentName(key), value));
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaTestResource.bootstrapServers());
            // it verifies its callers: the worker under test calls with its test service token
            env.put("GANTRY_AUTH_USER_TOKEN_PUBLIC_KEY", TestCallers.PUBLIC_KEY);
            env.put("GANTRY_AUTH_ACCEPTED_SERVICE_TOKENS",
                    ServiceNames.AGENT_WORKER + ":" + ServiceTokenVerifier.digestOf(TestCallers.AGENT_WORKER_TOKEN));
            Path log = Files.createTempFile("gantry-worker-test-event-store", ".log");
            ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                    JAR.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            String url = "http://127.0.0.1:" + port;
            awaitAnswer(url, process, log);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void awaitAnswer(String url, Process process, Path log) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI head = URI.create(url + "/conversations/" + UUID.randomUUID() + "/head");
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (client.send(HttpRequest.newBuilder(head)
                                .header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the event-store did not answer at " + url + "; its log is " + log);
    }
}
