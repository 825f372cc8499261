package dev.gantry.conversation.rest;

import dev.gantry.conversation.service.Written;
import org.jboss.resteasy.reactive.RestResponse;

/** The answer of a create-or-replace route: 201 when it created the resource, 200 when it replaced one. */
final class CreatedOrReplaced {

    private CreatedOrReplaced() {
    }

    static <T> RestResponse<T> answer(Written<T> written) {
        return written.created() ? RestResponse.status(RestResponse.Status.CREATED, written.value())
                : RestResponse.ok(written.value());
    }
}
