package dev.gantry.integrations.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Gantry's opaque {@code pageId} over a provider's own paging: the URL of the next page the provider answered.
 * A page id handed back is followed only when it is a URL under the connection's API (the user's token is sent
 * there), so a forged one cannot send the token elsewhere.
 */
final class PageIds {

    private PageIds() {
    }

    static String encode(String nextUrl) {
        return nextUrl == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(nextUrl.getBytes(StandardCharsets.UTF_8));
    }

    /** The provider URL of a page id, or a 400 naming {@code pageId}; null for none. */
    static String decode(String pageId, String apiUrl) {
        if (pageId == null || pageId.isBlank()) {
            return null;
        }
        String url;
        try {
            url = new String(Base64.getUrlDecoder().decode(pageId), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GitRequestException.invalid("pageId", "is not a page id this service answered");
        }
        if (!sameApi(url, apiUrl)) {
            throw GitRequestException.invalid("pageId", "is not a page id this service answered");
        }
        return url;
    }

    private static boolean sameApi(String url, String apiUrl) {
        try {
            URI page = new URI(url);
            URI api = new URI(apiUrl);
            String apiPath = api.getRawPath() == null ? "" : api.getRawPath();
            return page.getRawUserInfo() == null && page.getScheme() != null && page.getScheme().equalsIgnoreCase(api.getScheme())
                    && page.getRawAuthority() != null && page.getRawAuthority().equalsIgnoreCase(api.getRawAuthority())
                    && page.getRawPath() != null && page.getRawPath().startsWith(apiPath);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
