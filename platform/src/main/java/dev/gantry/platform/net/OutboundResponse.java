package dev.gantry.platform.net;

import java.util.List;
import java.util.Map;

/**
 * What a user-named endpoint answered: its status, headers and body, read up to a limit.
 *
 * @param truncated the body was longer than the limit: {@code body} is its beginning, the rest was not read
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, String body, boolean truncated) {
}
