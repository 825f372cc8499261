package dev.gantry.runtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryHeaders;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.runtime.config.RuntimeConfig;
import dev.gantry.runtime.mcp.McpRelayException;
import dev.gantry.runtime.mcp.McpServers;
import dev.gantry.runtime.mcp.StdioServer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/mcp/servers}: the user's stdio MCP servers run here, inside the sandbox, never in the
 * agent-worker. {@code PUT /{name}} starts one in the workspace; {@code POST /{name}/messages} relays one
 * JSON-RPC message (a request waits for its answer), once per action id ({@link ActionRequests}: a tool call
 * asked again gets the first answer under the new request's id); {@code GET} lists them; {@code DELETE /{name}}
 * stops one.
 */
@Path("/api/v1/mcp/servers")
@Produces(MediaType.APPLICATION_JSON)
public class McpResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** {@code PUT} body: the command, run in the workspace, and its arguments. */
    public record StartRequest(String command, List<String> args) {
    }

    /** A server as listed: whether it runs, and why not if it does not. */
    public record ServerView(String name, String command, List<String> args, boolean running, boolean started,
            String failure) {
        static ServerView of(StdioServer server, boolean started) {
            return new ServerView(server.name(), server.spec().command(), server.spec().args(), server.alive(),
                    started, server.failure());
        }
    }

    /** The answer to a relayed message (null for a notification) and the server's notifications meanwhile. */
    public record MessageResult(JsonNode response, List<JsonNode> notifications) {
    }

    private final McpServers servers;
    private final RuntimeConfig.Mcp config;
    private final ActionRequests actions;

    McpResource(McpServers servers, RuntimeConfig config, ActionRequests actions) {
        this.servers = servers;
        this.config = config.mcp();
        this.actions = actions;
    }

    @GET
    public List<ServerView> list() {
        return servers.list().stream().map(s -> ServerView.of(s, false)).toList();
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ServerView start(@PathParam("name") String name, StartRequest request) {
        requireName(name);
        List<FieldError> errors = new ArrayList<>();
        if (request == null || request.command() == null || request.command().isBlank()) {
            errors.add(new FieldError("command", "is required"));
        } else if (request.command().indexOf('\0') >= 0) {
            errors.add(new FieldError("command", "must not contain a NUL character"));
        }
        List<String> args = request == null || request.args() == null ? List.of() : request.args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null || args.get(i).indexOf('\0') >= 0) {
                errors.add(new FieldError("args[" + i + "]", "must be a text without NUL characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        McpServers.Started started = relayed(() -> servers.start(name, new StdioServer.Spec(request.command(),
                List.copyOf(args))));
        return ServerView.of(started.server(), started.started());
    }

    @POST
    @Path("/{name}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response message(@PathParam("name") String name, @QueryParam("timeoutMs") Long timeoutMs,
            @HeaderParam(GantryHeaders.ACTION_ID) String actionId, JsonNode message) {
        requireName(name);
        if (!(message instanceof ObjectNode object) || !"2.0".equals(object.path("jsonrpc").asText())
                || !object.path("method").isTextual()) {
            throw ApiProblem.invalidField("body", "must be a JSON-RPC 2.0 request or notification (jsonrpc \"2.0\""
                    + " and a method)");
        }
        Duration timeout = config.defaultTimeout();
        if (timeoutMs != null) {
            if (timeoutMs <= 0 || timeoutMs > config.maxTimeout().toMillis()) {
                throw ApiProblem.invalidField("timeoutMs", "must be between 1 and " + config.maxTimeout().toMillis());
            }
            timeout = Duration.ofMillis(timeoutMs);
        }
        Duration wait = timeout;
        // the JSON-RPC id is the caller's own, new on each try: the action is the rest of the message
        ObjectNode identity = object.deepCopy();
        identity.remove("id");
        Response answer = actions.answer(actionId, "mcp " + name, identity, () -> exchange(name, object, wait));
        if (!"true".equals(answer.getHeaderString(ActionRequests.REPLAYED)) || answer.getStatus() != 200) {
            return answer;
        }
        return Response.fromResponse(answer).entity(answeredAs(object, (String) answer.getEntity())).build();
    }

    private MessageResult exchange(String name, ObjectNode message, Duration timeout) {
        StdioServer server = relayed(() -> servers.get(name));
        try {
            StdioServer.Exchange exchange = server.exchange(message, timeout);
            return new MessageResult(exchange.response(), exchange.notifications());
        } catch (McpRelayException e) {
            throw problem(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the MCP server was answering", e);
        }
    }

    /** A kept answer, its response under the id of the request that asks again. */
    private static String answeredAs(ObjectNode request, String kept) {
        try {
            JsonNode answer = GantryJson.mapper().readTree(kept);
            if (answer.path("response") instanceof ObjectNode response && request.has("id")) {
                response.set("id", request.get("id"));
            }
            return GantryJson.mapper().writeValueAsString(answer);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a kept MCP answer is not JSON", e);
        }
    }

    @DELETE
    @Path("/{name}")
    public void stop(@PathParam("name") String name) {
        requireName(name);
        relayed(() -> {
            servers.stop(name);
            return null;
        });
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.invalidField("name", "must be 1 to 64 letters, digits, _ or -");
        }
    }

    private static <T> T relayed(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (McpRelayException e) {
            throw problem(e);
        }
    }

    private static ApiProblem problem(McpRelayException e) {
        return new ApiProblem(Problem.of(e.slug(), "MCP server failure", e.status(), e.getMessage()));
    }
}
