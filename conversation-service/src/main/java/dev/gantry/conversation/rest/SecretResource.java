package dev.gantry.conversation.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.conversation.rest.dto.SecretCreateRequest;
import dev.gantry.conversation.rest.dto.SecretMetadata;
import dev.gantry.conversation.rest.dto.SecretPutRequest;
import dev.gantry.conversation.service.Page;
import dev.gantry.conversation.service.SecretService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's secrets: values go in, only names, descriptions and times come out. */
@Path("/secrets")
@UserScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecretResource {

    private final SecretService secrets;

    SecretResource(SecretService secrets) {
        this.secrets = secrets;
    }

    @GET
    public Uni<Page<SecretMetadata>> list(@HeaderParam(GantryHeaders.USER) String userId,
            @QueryParam("pageId") String pageId, @QueryParam("limit") String limit) {
        return secrets.list(userId, pageId, QueryParams.pageLimit(limit));
    }

    /** 409 when the caller has a secret of that name already: replacing one is a PUT. */
    @POST
    @ResponseStatus(RestResponse.StatusCode.CREATED)
    public Uni<SecretMetadata> create(@HeaderParam(GantryHeaders.USER) String userId,
            @Valid @NotNull SecretCreateRequest body) {
        return secrets.create(userId, body);
    }

    /** Creates (201) or replaces (200) the secret of that name. */
    @PUT
    @Path("/{name}")
    public Uni<RestResponse<SecretMetadata>> put(@HeaderParam(GantryHeaders.USER) String userId,
            @PathParam("name") String name, @Valid @NotNull SecretPutRequest body) {
        return secrets.put(userId, name, body).map(CreatedOrReplaced::answer);
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@HeaderParam(GantryHeaders.USER) String userId, @PathParam("name") String name) {
        return secrets.delete(userId, name);
    }
}
