package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.system.browser.Browser;
import dev.gantry.system.platform.IdentityProviderStandIn;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Signing in to the web UI through an identity provider, in a real browser: the gateway configured as a Kubernetes
 * install would be (its UI told the provider, its API verifying the provider's tokens with the provider's JWKS), the
 * authorization code flow with PKCE run by the page against a provider on this machine, and the token it brings back
 * used for the user's own conversations.
 */
@org.junit.jupiter.api.Tag("browser")
class WebUiOidcSignInTest {

    private static final String CLIENT_ID = "gantry-web";
    private static IdentityProviderStandIn provider;

    @BeforeAll
    static void gatewayTrustsTheProvider() throws Exception {
        Platform platform = Platform.get();
        URI gateway = platform.gateway();
        provider = IdentityProviderStandIn.start(CLIENT_ID, IdentityProviderStandIn.redirectUriOf(gateway), "gantry");
        platform.restartWith("gateway", Map.of(
                "GANTRY_GATEWAY_UI_OIDC_ENABLED", "true",
                "GANTRY_GATEWAY_UI_OIDC_ISSUER", provider.issuer(),
                "GANTRY_GATEWAY_UI_OIDC_CLIENT_ID", CLIENT_ID,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", provider.jwksUri(),
                "GANTRY_GATEWAY_AUTH_ISSUER", provider.issuer()));
    }

    @AfterAll
    static void gatewayAsBefore() throws Exception {
        try {
            Platform.get().restore("gateway");
        } finally {
            provider.close();
        }
    }

    @Test
    void aUserSignsInAtTheIdentityProviderAndWorksWithTheTokenItGives() {
        String user = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.open(Platform.get().gateway().toString())) {
            browser.go("/#/conversations");
            browser.find(By.id("oidc-sign-in")).click();

            // the provider's own page
            browser.await(d -> d.getCurrentUrl().startsWith(provider.issuer() + "/authorize"));
            browser.find(By.id("username")).sendKeys(user);
            browser.find(By.id("sign-in")).click();

            // back at the app, which exchanged the code (with its verifier) for a token, and shows the user's list
            browser.await(d -> d.getCurrentUrl().endsWith("/#/conversations") && !d.findElements(By.id("conversations")).isEmpty());
            assertThat(browser.driver().getCurrentUrl()).as("the code and state are gone from the address")
                    .doesNotContain("code=", "state=");
            assertThat(provider.tokensIssued()).isEqualTo(1);
            assertThat(provider.tokenRequestsRefused()).isZero();
            String token = (String) browser.script("return sessionStorage.getItem('gantry.token')");

            // the API knows the user by the provider's subject: what they start shows in their list
            WebUiTest.TestUserEvents api = new WebUiTest.TestUserEvents(token);
            api.replaySettings("never");
            String id = api.start("started as " + user, "[{\"tool\": \"think\", \"arguments\": {\"thought\": \"hi\"}}]");
            browser.driver().navigate().refresh();
            browser.await(d -> d.findElement(By.id("conversations")).getText().contains("started as " + user));
            browser.find(By.xpath("//table[@id='conversations']//a[contains(., 'started as " + user + "')]")).click();
            browser.await(d -> d.getCurrentUrl().endsWith("#/c/" + id));
        }
    }

    @Test
    void aTokenOfTheGatewaysOwnKeyIsRefusedOnceTheProviderIsTheAuthority() {
        String local = new Tokens(Platform.get().home()).forUser("not-from-the-provider");
        new PublicApi(local).request().get("/api/v1/conversations").then().statusCode(401);
    }
}
