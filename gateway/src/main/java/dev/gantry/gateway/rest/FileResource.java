package dev.gantry.gateway.rest;

import dev.gantry.gateway.api.Conversation;
import dev.gantry.gateway.auth.Caller;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.ConversationService;
import dev.gantry.gateway.client.SandboxManager;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.mapping.RequestProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The workspace of a conversation's sandbox: read a file, list a directory, write a file. */
@Path("/api/v1/conversations/{id}/files")
@Authenticated
@Tag(name = "files")
public class FileResource {

    private final ConversationService conversations;
    private final SandboxManager sandboxes;
    private final CurrentCaller caller;

    FileResource(ConversationService conversations, SandboxManager sandboxes, CurrentCaller caller) {
        this.conversations = conversations;
        this.sandboxes = sandboxes;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Read a file, or list a directory with list=true",
            description = "A file answers its bytes (application/octet-stream); a listing answers JSON.")
    @APIResponse(responseCode = "200", description = "The file's bytes, or the directory's entries")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller, or no such file")
    @APIResponse(responseCode = "409", description = "The conversation has no sandbox yet")
    public Uni<Response> read(@PathParam("id") UUID id, @QueryParam("path") @NotBlank String path,
            @QueryParam("list") @DefaultValue("false") boolean list) {
        Caller current = caller.get();
        return sandboxOf(current, id).chain(sandboxId -> list
                ? sandboxes.listFiles(current, sandboxId, path)
                        .map(entries -> Response.ok(entries, MediaType.APPLICATION_JSON_TYPE).build())
                : sandboxes.readFile(current, sandboxId, path)
                        .map(bytes -> Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM_TYPE).build()));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Write a file (its whole content is the request body)")
    @APIResponse(responseCode = "204", description = "Written")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller")
    @APIResponse(responseCode = "409", description = "The conversation has no sandbox yet")
    public Uni<Void> write(@PathParam("id") UUID id, @QueryParam("path") @NotBlank String path,
            @NotNull byte[] content) {
        Caller current = caller.get();
        return sandboxOf(current, id).chain(sandboxId -> sandboxes.writeFile(current, sandboxId, path, content));
    }

    private Uni<String> sandboxOf(Caller current, UUID id) {
        return conversations.get(current, id).map(Conversation::sandboxId).onItem().ifNull()
                .failWith(() -> new RequestProblemException(Problems.noSandbox(id.toString())));
    }
}
