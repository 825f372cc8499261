package dev.gantry.gateway.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web UI's page and files, served so that a reload costs one small request. The page ({@code /}) is revalidated
 * on every load; it names the app's files under {@code /app/v-<version>/}, where {@code <version>} is a digest of
 * their contents, and those answers may be kept for a year ({@code immutable}): a new build has a new version, so it
 * is never mixed with files of an old one, and an unchanged build keeps the browser's copies. The modules import
 * each other by relative paths, so they all resolve under the same version. The plain {@code /app/...} paths stay
 * served, revalidated on each use.
 */
@ApplicationScoped
class AppFiles {

    static final String INDEX = "META-INF/ui/index.html";
    static final String APP = "META-INF/resources/app/";
    /** Where the page names a file of the app: {@code href="/app/..."} or {@code src="/app/..."}. */
    private static final Pattern REFERENCE = Pattern.compile("(?:href|src)=\"/app/([^\"]+)\"");
    private static final Pattern VERSIONED = Pattern.compile("/app/v-([0-9a-f]+)/(.+)");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private record AppFile(Buffer body, String contentType) {
    }

    private final Map<String, AppFile> files = new LinkedHashMap<>();
    private final String version;
    private final Buffer index;

    AppFiles() {
        String page = new String(read(INDEX), StandardCharsets.UTF_8);
        MessageDigest digest = sha256();
        Matcher references = REFERENCE.matcher(page);
        while (references.find()) {
            String name = references.group(1);
            byte[] body = read(APP + name);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            files.put(name, new AppFile(Buffer.buffer(body), contentType(name)));
        }
        version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        index = Buffer.buffer(page.replace("=\"/app/", "=\"/app/v-" + version + "/"));
    }

    /** The digest of the app's files that the page names them by. */
    String version() {
        return version;
    }

    /** Registered as the HTTP layer starts: the files are read then, so a missing one stops the gateway, not a page. */
    void routes(@Observes Router router) {
        router.get("/").handler(this::page);
        router.get("/index.html").handler(this::page);
        router.getWithRegex(VERSIONED.pattern()).handler(this::file);
    }

    private void page(RoutingContext context) {
        context.response().putHeader("Content-Type", "text/html;charset=UTF-8").putHeader("Cache-Control", "no-cache")
                .end(index);
    }

    private void file(RoutingContext context) {
        Matcher path = VERSIONED.matcher(context.normalizedPath());
        AppFile file = path.matches() ? files.get(path.group(2)) : null;
        if (file == null) {
            context.next();
            return;
        }
        // another version's name (a page of another replica's build): the current file, but not to be kept
        boolean current = version.equals(path.group(1));
        context.response().putHeader("Content-Type", file.contentType())
                .putHeader("Cache-Control", current ? IMMUTABLE : "no-cache")
                .end(file.body());
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript;charset=UTF-8";
        }
        if (name.endsWith(".css")) {
            return "text/css;charset=UTF-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalStateException("the page names /app/" + name + ", a file of no known type");
    }

    private static byte[] read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the web UI's " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
