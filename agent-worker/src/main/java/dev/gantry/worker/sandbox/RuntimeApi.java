package dev.gantry.worker.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;

/** The tool API of a sandbox runtime (ARCHITECTURE.md, "Sandbox runtime API"). */
@Path("/api/v1")
public interface RuntimeApi {

    String SESSION_KEY_HEADER = "X-Session-API-Key";

    @POST
    @Path("/terminal")
    TerminalResult terminal(@HeaderParam(SESSION_KEY_HEADER) String sessionKey, TerminalRequest request);

    @POST
    @Path("/editor")
    JsonNode editor(@HeaderParam(SESSION_KEY_HEADER) String sessionKey, EditorRequest request);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TerminalRequest(String command, Boolean isInput, Integer timeoutSeconds, Boolean reset) {
    }

    record TerminalResult(String output, int exitCode, String workingDir, boolean timedOut) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EditorRequest(String command, String path, String fileText, String oldStr, String newStr,
            Integer insertLine, List<Integer> viewRange) {
    }
}
