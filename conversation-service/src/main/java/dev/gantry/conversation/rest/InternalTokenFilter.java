package dev.gantry.conversation.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.conversation.service.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Answers 401 to an internal call without the internal token. */
@Provider
@InternalOnly
public class InternalTokenFilter implements ContainerRequestFilter {

    private final InternalTokenVerifier verifier;

    InternalTokenFilter(InternalTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!verifier.accepts(request.getHeaderString(GantryHeaders.INTERNAL_TOKEN))) {
            throw ProblemException.unauthorized("a valid " + GantryHeaders.INTERNAL_TOKEN + " header is required");
        }
    }
}
