package dev.gantry.platform.auth;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.platform.logging.LogContext;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every REST route of a service that has this module: the caller's credential is verified and matched
 * against the route's {@link CalledBy} before the resource runs; otherwise 401 (no valid credential) or
 * 403 (a caller the route does not admit), as problem+json. {@code /q/health} and {@code /q/metrics} are not
 * REST routes and stay open. The gateway, whose public routes have their own authentication, turns it off
 * at build time ({@code gantry.auth.verify-callers=false}).
 */
@UnlessBuildProperty(name = "gantry.auth.verify-callers", stringValue = "false", enableIfMissing = true)
public class InternalCallerFilter {

    private static final String REALM = "Bearer realm=\"gantry-internal\"";
    /** A method's effective {@link CalledBy}; empty when neither it nor its class has one. */
    private final Map<Method, Optional<CalledBy>> routes = new ConcurrentHashMap<>();
    private final CallerAuthenticator authenticator;
    private final CurrentCaller current;

    InternalCallerFilter(CallerAuthenticator authenticator, CurrentCaller current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> verify(ContainerRequestContext request, ResourceInfo resource) {
        try {
            Caller caller = authenticator.authenticate(request.getHeaderString(InternalHeaders.AUTHORIZATION),
                    request.getHeaderString(InternalHeaders.SERVICE_TOKEN));
            CallerAuthenticator.authorize(caller, routeOf(resource).orElse(null));
            current.set(caller);
            logContext(caller, request);
            return Optional.empty();
        } catch (CallerRejectedException rejected) {
            return Optional.of(answer(rejected, request.getUriInfo().getPath()));
        }
    }

    /** The request's lines name the user it is for and the conversation or sandbox its path names. */
    private static void logContext(Caller caller, ContainerRequestContext request) {
        if (caller instanceof Caller.User user) {
            LogContext.user(user.id());
        }
        LogContext.aboutPath(request.getUriInfo().getPath());
    }

    private Optional<CalledBy> routeOf(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        return routes.computeIfAbsent(method, m -> Optional.ofNullable(m.getAnnotation(CalledBy.class))
                .or(() -> Optional.ofNullable(resource.getResourceClass().getAnnotation(CalledBy.class))));
    }

    private static Response answer(CallerRejectedException rejected, String path) {
        boolean unauthenticated = rejected.status() == Response.Status.UNAUTHORIZED.getStatusCode();
        Problem problem = unauthenticated
                ? Problem.of("unauthorized", "Unauthorized", rejected.status(), rejected.getMessage())
                : Problem.of("forbidden", "Forbidden", rejected.status(), rejected.getMessage());
        Response.ResponseBuilder response = Response.status(rejected.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(path));
        if (unauthenticated) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, REALM);
        }
        return response.build();
    }
}
