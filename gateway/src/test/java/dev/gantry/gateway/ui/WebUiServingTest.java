package dev.gantry.gateway.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.gantry.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The web UI at {@code /}: public, self-contained, under a CSP; the API beside it still needs a token. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class WebUiServingTest {

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'";

    @Test
    void theAppIsServedAtTheRootWithoutATokenUnderAStrictContentSecurityPolicy() {
        given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString(POLICY))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-cache"))
                .body(containsString("<script type=\"module\" src=\"" + versioned() + "main.js\"></script>"));
    }

    @Test
    void theAppsFilesAreNamedByTheirVersionAndKeptForAYearWhileThePageIsRevalidated() {
        String current = versioned();
        given().when().get(current + "pages/conversation.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("Content-Security-Policy", containsString(POLICY));
        given().when().get(current + "app.css").then().statusCode(200).contentType(containsString("text/css"))
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
        // another build's name for a file: served, never kept
        given().when().get("/app/v-000000000000/main.js").then().statusCode(200)
                .header("Cache-Control", equalTo("no-cache"));
        // only the app's files: nothing else of the classpath, however the path is spelled
        given().when().get(current + "nothing.js").then().statusCode(404);
        given().when().get(current + "../../application.properties").then().statusCode(404);
        given().when().get(current + "..%2F..%2Fapplication.properties").then().statusCode(404);
        // the plain paths stay, revalidated on each use
        given().when().get("/app/main.js").then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
    }

    /** Where the page names the app's files: {@code /app/v-<digest of their contents>/}. */
    private static String versioned() {
        String index = given().when().get("/").then().statusCode(200).extract().asString();
        java.util.regex.Matcher main = java.util.regex.Pattern.compile("src=\"(/app/v-[0-9a-f]{12}/)main\\.js\"").matcher(index);
        assertThat(main.find()).as("the page names main.js under a version: " + index).isTrue();
        return main.group(1);
    }

    @Test
    void theAppLoadsOnlyItsOwnFilesWithNoInlineScriptAndNoOtherOrigin() {
        String index = given().when().get("/index.html").then().statusCode(200).extract().asString();
        assertThat(index)
                .doesNotContainPattern("<script(?![^>]*\\ssrc=\"/)")
                .doesNotContain("http://", "https://", "style=")
                .doesNotContainPattern("\\son[a-z]+\\s*=");
        given().when().get("/app/main.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(not(containsString("innerHTML")));
        given().when().get("/app/events/render.js").then().statusCode(200).body(not(containsString("innerHTML")));
        given().when().get("/app/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void noModuleOfTheAppParsesTextAsHtmlOrCode() throws IOException {
        Path app = Path.of("src/main/resources/META-INF/resources/app");
        try (var files = Files.walk(app)) {
            List<Path> modules = files.filter(f -> f.toString().endsWith(".js")).toList();
            assertThat(modules).hasSizeGreaterThan(10);
            for (Path module : modules) {
                assertThat(Files.readString(module)).as(module.toString())
                        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                                "new Function", "DOMParser", "createContextualFragment");
            }
        }
    }

    @Test
    void everyModuleIsPreloadedByThePageSoTheyLoadAtOnceNotImportByImport() throws IOException {
        String index = given().when().get("/").then().statusCode(200).extract().asString();
        String prefix = versioned();
        Path app = Path.of("src/main/resources/META-INF/resources/app");
        try (var files = Files.walk(app)) {
            files.filter(f -> f.toString().endsWith(".js") && !f.endsWith("main.js"))
                    .map(f -> prefix + app.relativize(f).toString().replace('\\', '/'))
                    .forEach(module -> assertThat(index).contains("<link rel=\"modulepreload\" href=\"" + module + "\">"));
        }
    }

    @Test
    void theApiBesideTheAppStillNeedsAToken() {
        given().when().get("/api/v1/conversations").then().statusCode(401)
                .header("Content-Security-Policy", containsString(POLICY));
    }

    @Test
    void theUiConfigurationIsPublicAndNamesNoProviderWhenOidcIsOff() {
        given().when().get("/ui/config.json").then().statusCode(200).body("oidc", nullValue());
    }
}
