package dev.gantry.integrations.git.provider;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 {@code Link} headers, as GitHub and GitLab page their lists: the URL of {@code rel="next"}. */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*\\s)?next(\\s[^\";]*)?\"?");

    private LinkHeader() {
    }

    static Optional<String> next(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher links = LINK.matcher(header.get());
        while (links.find()) {
            if (NEXT.matcher(links.group(2)).find()) {
                return Optional.of(links.group(1));
            }
        }
        return Optional.empty();
    }
}
