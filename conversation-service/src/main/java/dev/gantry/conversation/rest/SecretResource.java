package dev.gantry.conversation.rest;

import dev.gantry.conversation.rest.dto.SecretCreateRequest;
import dev.gantry.conversation.rest.dto.SecretMetadata;
import dev.gantry.conversation.rest.dto.SecretPutRequest;
import dev.gantry.conversation.service.Page;
import dev.gantry.conversation.service.SecretService;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's secrets: values go in, only names, descriptions and times come out. */
@CompletesWithoutTheCaller
@Path("/secrets")
@CalledBy(users = true)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecretResource {

    private final SecretService secrets;
    private final CurrentCaller caller;

    SecretResource(SecretService secrets, CurrentCaller caller) {
        this.secrets = secrets;
        this.caller = caller;
    }

    @GET
    public Uni<Page<SecretMetadata>> list(@QueryParam("pageId") String pageId, @QueryParam("limit") String limit) {
        return secrets.list(caller.userId(), pageId, QueryParams.pageLimit(limit));
    }

    /** 409 when the caller has a secret of that name already: replacing one is a PUT. */
    @POST
    @ResponseStatus(RestResponse.StatusCode.CREATED)
    public Uni<SecretMetadata> create(@Valid @NotNull SecretCreateRequest body) {
        return secrets.create(caller.userId(), body);
    }

    /** Creates (201) or replaces (200) the secret of that name. */
    @PUT
    @Path("/{name}")
    public Uni<RestResponse<SecretMetadata>> put(@PathParam("name") String name, @Valid @NotNull SecretPutRequest body) {
        return secrets.put(caller.userId(), name, body).map(CreatedOrReplaced::answer);
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@PathParam("name") String name) {
        return secrets.delete(caller.userId(), name);
    }
}
