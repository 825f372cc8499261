package dev.gantry.conversation.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.conversation.service.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Answers 401 to a user-scoped call that does not say whose it is. */
@Provider
@UserScoped
public class CallerFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String user = request.getHeaderString(GantryHeaders.USER);
        if (user == null || user.isBlank()) {
            throw ProblemException.unauthorized("the " + GantryHeaders.USER + " header is required");
        }
    }
}
