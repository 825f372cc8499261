package dev.gantry.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.contracts.GantryJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A user's event-callback endpoint: every POST it gets, with the event id header and the event's own fields. */
public final class CallbackReceiver implements AutoCloseable {

    /** One delivery: the {@code X-Gantry-Event-Id} header and the id, seq and conversation of the body. */
    public record Delivery(String headerId, String eventId, long seq, String conversationId) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    public CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/hook", exchange -> {
            JsonNode event = GantryJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Gantry-Event-Id"),
                    event.path("id").asText(), event.path("seq").asLong(), event.path("conversationId").asText()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Delivery> of(String conversationId) {
        return deliveries.stream().filter(d -> d.conversationId().equals(conversationId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
