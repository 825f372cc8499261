package dev.gantry.gateway.client;

import dev.gantry.gateway.mapping.RequestProblemException;
import dev.gantry.gateway.mapping.ServiceUnavailableException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Runs outside the fault-tolerance interceptor (a lower priority), so it sees what is left after
 * retries, timeouts and open circuits, and names the service in the 503 the client gets.
 */
@Downstream("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
class DownstreamInterceptor {

    @AroundInvoke
    Object nameTheService(InvocationContext context) throws Exception {
        String service = context.getInterceptorBinding(Downstream.class).value();
        Object result;
        try {
            result = context.proceed();
        } catch (RuntimeException failure) {
            throw unavailable(service, failure);
        }
        if (result instanceof Uni<?> uni) {
            return uni.onFailure(DownstreamInterceptor::isOutage).transform(e -> unavailable(service, e));
        }
        if (result instanceof Multi<?> multi) {
            return multi.onFailure(DownstreamInterceptor::isOutage).transform(e -> unavailable(service, e));
        }
        return result;
    }

    private static boolean isOutage(Throwable failure) {
        return !(failure instanceof RequestProblemException || failure instanceof ServiceUnavailableException);
    }

    private static RuntimeException unavailable(String service, Throwable failure) {
        if (!isOutage(failure)) {
            return (RuntimeException) failure;
        }
        Log.warnf("gateway: %s unavailable: %s", service, failure.toString());
        return new ServiceUnavailableException(service, failure, retryAfterSeconds(failure));
    }

    /**
     * When trying again is worth it: once an open circuit may let calls through again; else (a service too busy to
     * answer in time, or restarting) after a short pause, so that clients that all failed at once do not all come
     * back at once to a service that is already behind.
     */
    static long retryAfterSeconds(Throwable failure) {
        return failure instanceof CircuitBreakerOpenException ? CallPolicy.BREAKER_DELAY_MILLIS / 1000
                : CallPolicy.RETRY_AFTER_UNAVAILABLE_SECONDS;
    }
}
