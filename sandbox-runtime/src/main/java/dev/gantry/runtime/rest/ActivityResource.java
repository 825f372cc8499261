package dev.gantry.runtime.rest;

import dev.gantry.runtime.activity.ActivityTracker;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/activity}: how long this sandbox has been idle, for the sandbox-manager's reaper. */
@Path(ActivityResource.PATH)
public class ActivityResource {

    public static final String PATH = "/api/v1/activity";

    private final ActivityTracker activity;

    ActivityResource(ActivityTracker activity) {
        this.activity = activity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ActivityTracker.Activity activity() {
        return activity.now();
    }
}
