package dev.gantry.sandbox.rest;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.Caller;
import dev.gantry.platform.auth.CurrentCaller;
import dev.gantry.platform.auth.ServiceNames;
import dev.gantry.sandbox.client.RuntimeClient;
import dev.gantry.sandbox.client.RuntimeClient.RuntimeAnswer;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.service.CreateSandboxRequest;
import dev.gantry.sandbox.service.InvalidRequestException;
import dev.gantry.sandbox.service.Sandbox;
import dev.gantry.sandbox.service.SandboxNotFoundException;
import dev.gantry.sandbox.service.RunningOnDemand;
import dev.gantry.sandbox.service.SandboxService;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The sandbox-manager's internal REST API, as docs/INTERNAL-API.md writes it: for users (the gateway's
 * signed user token), who see their own sandboxes only, and for the agent-worker, which sees every one.
 */
@Path("/sandboxes")
@CalledBy(users = true, services = ServiceNames.AGENT_WORKER)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {

    static final int MAX_PAGE = 100;
    private static final String PAGE_PREFIX = "offset:";

    private final SandboxService sandboxes;
    private final CurrentCaller callers;
    private final RuntimeClient runtimes;
    private final RunningOnDemand onDemand;

    SandboxResource(SandboxService sandboxes, CurrentCaller callers, RuntimeClient runtimes, RunningOnDemand onDemand) {
        this.onDemand = onDemand;
        this.sandboxes = sandboxes;
        this.callers = callers;
        this.runtimes = runtimes;
    }

    /** 201 with the new sandbox; 200 with the existing one when the id is taken (idempotent create). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateSandboxBody body) {
        Caller caller = callers.get();
        CreateSandboxRequest request = validate(caller, body);
        SandboxService.Created created = sandboxes.create(request);
        if (!maySee(caller, created.sandbox())) {
            throw new SandboxNotFoundException(request.sandboxId().toString());
        }
        return Response.status(created.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(SandboxView.of(created.sandbox())).build();
    }

    @GET
    public Page<SandboxView> list(@QueryParam("ownerId") String ownerId, @QueryParam("conversationId") String conversationId,
            @QueryParam("pageId") String pageId, @QueryParam("limit") Integer limit) {
        Caller caller = callers.get();
        List<FieldError> errors = new ArrayList<>();
        Optional<UUID> conversation = optionalUuid(conversationId, "conversationId", errors);
        int offset = offset(pageId, errors);
        int size = limit == null ? MAX_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid query", errors);
        }
        Predicate<Sandbox> filter = sandbox -> maySee(caller, sandbox);
        if (ownerId != null) {
            filter = filter.and(s -> s.ownerId().equals(ownerId));
        }
        if (conversation.isPresent()) {
            filter = filter.and(s -> conversation.get().equals(s.conversationId()));
        }
        List<Sandbox> all = sandboxes.list(filter);
        List<SandboxView> items = all.stream().skip(offset).limit(size).map(SandboxView::of).toList();
        int next = offset + items.size();
        return new Page<>(items, next < all.size() ? pageIdOf(next) : null);
    }

    @GET
    @Path("/{id}")
    public SandboxView get(@PathParam("id") String id) {
        return SandboxView.of(visible(callers.get(), id));
    }

    @POST
    @Path("/{id}/pause")
    public Response pause(@PathParam("id") String id) {
        Sandbox sandbox = visible(callers.get(), id);
        return Response.accepted(SandboxView.of(sandboxes.pause(sandbox.id()))).build();
    }

    @POST
    @Path("/{id}/resume")
    public Response resume(@PathParam("id") String id) {
        Sandbox sandbox = visible(callers.get(), id);
        return Response.accepted(SandboxView.of(sandboxes.resume(sandbox.id()))).build();
    }

    /** 204, also for a sandbox deleted a short while ago: deleting is idempotent. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        Caller caller = callers.get();
        Sandbox sandbox = parseUuid(id).flatMap(uuid -> sandboxes.find(uuid).or(() -> sandboxes.findDeleted(uuid)))
                .filter(found -> maySee(caller, found)).orElseThrow(() -> new SandboxNotFoundException(id));
        sandboxes.delete(sandbox.id());
        return Response.noContent().build();
    }

    /** The runtime URL and session key: for the agent-worker only, never for a user. */
    @GET
    @Path("/{id}/connection")
    @CalledBy(services = ServiceNames.AGENT_WORKER)
    public Connection connection(@PathParam("id") String id) {
        Sandbox sandbox = visible(callers.get(), id);
        RuntimeEndpoint endpoint = sandboxes.connection(sandbox.id());
        return new Connection(endpoint.baseUrl().toString(), endpoint.sessionKey());
    }

    @GET
    @Path("/{id}/files")
    @Produces(MediaType.WILDCARD)
    public Response readFile(@PathParam("id") String id, @QueryParam("path") String path) {
        RuntimeEndpoint endpoint = runtimeOf(callers.get(), id);
        return passOn(runtimes.getFile(endpoint, requirePath(path), false));
    }

    @GET
    @Path("/{id}/files/list")
    @Produces(MediaType.WILDCARD)
    public Response listFiles(@PathParam("id") String id, @QueryParam("path") String path) {
        RuntimeEndpoint endpoint = runtimeOf(callers.get(), id);
        return passOn(runtimes.getFile(endpoint, path, true));
    }

    @PUT
    @Path("/{id}/files")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response writeFile(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("id") String id,
            @QueryParam("path") String path, byte[] content) {
        RuntimeEndpoint endpoint = runtimeOf(callers.get(), id);
        return passOn(runtimes.putFile(endpoint, requirePath(path), content == null ? new byte[0] : content,
                Objects.requireNonNullElse(contentType, MediaType.APPLICATION_OCTET_STREAM)));
    }

    /** Its files are wanted now: a paused sandbox is started again, and the request waits for it. */
    private RuntimeEndpoint runtimeOf(Caller caller, String id) {
        return onDemand.endpoint(visible(caller, id).id());
    }

    /** The sandbox, if the caller may see it; another user's sandbox is as unknown as a missing one. */
    private Sandbox visible(Caller caller, String id) {
        return parseUuid(id).flatMap(sandboxes::find).filter(sandbox -> maySee(caller, sandbox))
                .orElseThrow(() -> new SandboxNotFoundException(id));
    }

    /** A service (the agent-worker) sees every sandbox; a user only their own. */
    private static boolean maySee(Caller caller, Sandbox sandbox) {
        return switch (caller) {
            case Caller.Service service -> true;
            case Caller.User user -> user.id().equals(sandbox.ownerId());
        };
    }

    private static Response passOn(RuntimeAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status());
        if (answer.body().length > 0) {
            response.entity(answer.body());
        }
        answer.contentType().ifPresent(type -> response.header(HttpHeaders.CONTENT_TYPE, type));
        return response.build();
    }

    private static String requirePath(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidRequestException("the file path is missing",
                    List.of(new FieldError("path", "is required")));
        }
        return path;
    }

    private static CreateSandboxRequest validate(Caller caller, CreateSandboxBody body) {
        if (body == null) {
            throw new InvalidRequestException("a JSON body is required", List.of(new FieldError("body", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        UUID sandboxId = optionalUuid(body.sandboxId(), "sandboxId", errors).orElseGet(UUID::randomUUID);
        UUID conversationId = optionalUuid(body.conversationId(), "conversationId", errors).orElse(null);
        Optional<String> user = caller instanceof Caller.User u ? Optional.of(u.id()) : Optional.empty();
        String ownerId = body.ownerId() == null || body.ownerId().isBlank() ? user.orElse(null) : body.ownerId();
        if (ownerId == null) {
            errors.add(new FieldError("ownerId", "is required"));
        } else if (user.isPresent() && !user.get().equals(ownerId)) {
            errors.add(new FieldError("ownerId", "must be the calling user"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid sandbox", errors);
        }
        return new CreateSandboxRequest(sandboxId, ownerId, conversationId, body.template());
    }

    private static Optional<UUID> optionalUuid(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<UUID> parsed = parseUuid(value);
        if (parsed.isEmpty()) {
            errors.add(new FieldError(field, "is not a UUID"));
        }
        return parsed;
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    private static String pageIdOf(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PAGE_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String pageId, List<FieldError> errors) {
        if (pageId == null || pageId.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(pageId), StandardCharsets.UTF_8);
            if (decoded.startsWith(PAGE_PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(PAGE_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException notOurs) {
            // reported below, as any other page id this API did not hand out
        }
        errors.add(new FieldError("pageId", "is not a page id this API handed out"));
        return 0;
    }
}
