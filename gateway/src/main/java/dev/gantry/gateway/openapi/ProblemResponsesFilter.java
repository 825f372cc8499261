package dev.gantry.gateway.openapi;

import dev.gantry.contracts.problem.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Gives every error response of every route the problem+json schema, and adds the errors every
 * route can answer (bad request, authentication, rate limit, outage) so each route lists them.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String API_PREFIX = "/api/";
    private static final int FIRST_ERROR_STATUS = 400;

    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", "Invalid request (type .../validation or .../malformed-json; errors[] names the fields)",
            "401", "Missing or invalid bearer token (type .../unauthorized)",
            "413", "Request body over the limit (type .../payload-too-large)",
            "429", "Rate limit spent (type .../rate-limited; Retry-After says when to retry)",
            "500", "Unexpected failure (type .../internal)",
            "503", "A platform service is down or too slow (type .../service-unavailable; Retry-After says when to retry)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(API_PREFIX)) {
                item.getOperations().values().forEach(ProblemResponsesFilter::describeErrors);
            }
        });
    }

    private static void describeErrors(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        for (Map.Entry<String, String> error : COMMON_ERRORS.entrySet()) {
            if (open && "401".equals(error.getKey())) {
                continue;
            }
            if (!responses.hasAPIResponse(error.getKey())) {
                responses.addAPIResponse(error.getKey(), OASFactory.createAPIResponse().description(error.getValue()));
            }
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (isError(status)) {
                response.setContent(problemContent());
            }
        });
    }

    private static boolean isError(String status) {
        try {
            return Integer.parseInt(status) >= FIRST_ERROR_STATUS;
        } catch (NumberFormatException notAStatus) {
            return false;
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(GatewayApiDefinition.PROBLEM_SCHEMA)));
    }
}
