package dev.gantry.runtime.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Tells the sandbox-manager this runtime is up. The only route that needs no session key. */
@Path("/alive")
public class AliveResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> alive() {
        return Map.of("status", "ok");
    }
}
