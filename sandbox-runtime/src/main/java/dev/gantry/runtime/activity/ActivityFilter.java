package dev.gantry.runtime.activity;

import dev.gantry.runtime.rest.ActivityResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts every call that reached a route as use, when it starts and when it answers, except the
 * reaper's own question. Runs after routing, so after the session key was checked: a caller without
 * the key cannot keep a sandbox awake.
 */
@ApplicationScoped
public class ActivityFilter {

    private final ActivityTracker activity;

    ActivityFilter(ActivityTracker activity) {
        this.activity = activity;
    }

    @ServerRequestFilter
    public void onRequest(ContainerRequestContext request) {
        if (counts(request)) {
            activity.touch();
        }
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request) {
        if (counts(request)) {
            activity.touch();
        }
    }

    private static boolean counts(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return !ActivityResource.PATH.equals(path) && !"/alive".equals(path);
    }
}
