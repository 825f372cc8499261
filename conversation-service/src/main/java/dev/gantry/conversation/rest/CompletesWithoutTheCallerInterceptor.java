package dev.gantry.conversation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Detaches a route's answer from its caller's connection. When a caller goes away, Quarkus REST cancels the
 * {@link Uni} of its request, and a cancelled Hibernate Reactive session is closed under its running transaction:
 * the work is rolled back ("HR000090: Live transaction detected while closing the connection") and its pool
 * connection may never come back (quarkusio/quarkus#51576, hibernate/hibernate-reactive#2926). Under load the
 * gateway times out and closes such requests by the hundred. Run to its end instead, the work commits (a create
 * tried again with its Idempotency-Key finds what it made), its connection returns to the pool, and the answer
 * nobody waits for is dropped.
 */
@CompletesWithoutTheCaller
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class CompletesWithoutTheCallerInterceptor {

    @AroundInvoke
    Object detach(InvocationContext context) throws Exception {
        Object answer = context.proceed();
        return answer instanceof Uni<?> uni ? detached(uni) : answer;
    }

    /** {@code work}, subscribed to once, whose cancellation does not reach it. */
    static <T> Uni<T> detached(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
