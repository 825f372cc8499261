package dev.gantry.runtime.rest;

import dev.gantry.runtime.files.DirectoryListing;
import dev.gantry.runtime.files.FileTransfer;
import dev.gantry.runtime.security.PathConfinement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code /api/v1/files}: download, upload and list. A relative {@code path} is taken from the workspace;
 * either way it must lead inside the allowed roots.
 */
@Path("/api/v1/files")
public class FilesResource {

    private static final String PATH_PARAM = "path";

    private final FileTransfer files;
    private final PathConfinement paths;

    FilesResource(FileTransfer files, PathConfinement paths) {
        this.files = files;
        this.paths = paths;
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@QueryParam(PATH_PARAM) String path) {
        java.nio.file.Path file = files.download(paths.resolve(PATH_PARAM, path, false));
        return Response.ok(file, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .build();
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam(PATH_PARAM) String path,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) {
        java.nio.file.Path target = paths.resolve(PATH_PARAM, path, false);
        boolean created = files.upload(target, body, contentLength == null ? -1 : contentLength);
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(files.describe(target))
                .build();
    }

    @GET
    @Path("/list")
    @Produces(MediaType.APPLICATION_JSON)
    public DirectoryListing list(@QueryParam(PATH_PARAM) String path) {
        return files.list(paths.resolve(PATH_PARAM, path, false));
    }
}
