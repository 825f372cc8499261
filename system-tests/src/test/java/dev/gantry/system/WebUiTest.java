package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.system.browser.Browser;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI the gateway serves at {@code /}, in a real browser (headless Chromium) against the running platform:
 * signing in with the login link, a replayed conversation started from the form and followed live, a confirmation
 * approved, the file it wrote opened in the files tab, a reload in the middle of the stream, and another user's
 * conversation out of reach.
 */
@org.junit.jupiter.api.Tag("browser")
class WebUiTest {

    private static final String HELLO_TRAJECTORY = """
            [{"tool": "think", "arguments": {"thought": "I will write hello.py and run it."}},
             {"tool": "terminal", "arguments": {"command": "printf 'print(\\"hello from Gantry\\")\\\\n' > hello.py && cat hello.py"}},
             {"tool": "terminal", "arguments": {"command": "python3 hello.py"}}]""";

    @Test
    void aUserStartsAReplayFromTheFormApprovesEachActionAndOpensTheFileItWrote() {
        String token = tokenFor("web");
        try (Browser browser = Browser.open(Platform.get().gateway().toString())) {
            browser.signIn(token);

            browser.go("/#/settings/agent");
            WebElement model = browser.find(By.id("model"));
            browser.await(d -> !model.getDomProperty("value").isEmpty()); // the current settings were read
            model.clear();
            model.sendKeys("gantry/replay");
            new Select(browser.find(By.id("confirmation-policy"))).selectByValue("always");
            browser.find(By.cssSelector("#settings-form button[type=submit]")).click();
            browser.await(d -> d.findElement(By.id("toast")).getText().contains("Settings saved"));

            browser.go("/#/new");
            setValue(browser, browser.find(By.id("task")), HELLO_TRAJECTORY);
            browser.find(By.id("title")).sendKeys("browser replay");
            browser.find(By.cssSelector("form button[type=submit]")).click();
            String id = browser.await(d -> {
                var url = d.getCurrentUrl();
                return url.matches(".*#/c/[0-9a-f-]{36}$") ? url.substring(url.lastIndexOf('/') + 1) : null;
            });

            // every action waits for the user: approve each as it comes, until the agent finishes
            int approved = 0;
            while (!"finished".equals(browser.find(By.id("conversation-status")).getDomAttribute("data-status"))) {
                WebElement approve = browser.await(d -> {
                    var status = d.findElement(By.id("conversation-status")).getDomAttribute("data-status");
                    if ("finished".equals(status)) {
                        return d.findElement(By.id("conversation-status"));
                    }
                    var buttons = d.findElements(By.id("approve"));
                    return !buttons.isEmpty() && buttons.getFirst().isDisplayed() ? buttons.getFirst() : null;
                });
                try {
                    if ("approve".equals(approve.getDomAttribute("id"))) {
                        assertThat(browser.find(By.id("confirmation")).getText()).contains("risk");
                        approve.click();
                        approved++;
                        browser.await(ExpectedConditions.invisibilityOf(approve)); // answered (a later action gets a new button)
                    }
                } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                    // the panel was drawn again before the click: look for the button again
                }
                assertThat(approved).as("approvals").isLessThan(10);
            }
            assertThat(approved).as("each command (the sandbox's actions wait; thinking does not)").isEqualTo(2);

            // the events, in order, each once, as the API has them
            List<ConversationEvent> stored = new TestUserEvents(token).events(id);
            browser.await(d -> browser.shownSeqs().size() >= stored.size());
            assertThat(browser.shownSeqs()).containsExactlyElementsOf(stored.stream().map(ConversationEvent::seq).toList());
            WebElement output = browser.find(By.xpath("//article[@data-kind='ObservationEvent'][.//pre[contains(., 'hello from Gantry')]]"
                    + "[.//span[contains(@class,'exit')]]"));
            assertThat(output.getText()).contains("exit code 0");
            assertThat(browser.find(By.cssSelector("article[data-kind='ActionEvent'] pre.command")).getText()).contains("$ ");

            // the file it wrote, in the files tab
            browser.find(By.id("tab-files")).click();
            browser.find(By.xpath("//table[@id='files']//button[normalize-space(.)='hello.py']")).click();
            assertThat(browser.find(By.id("file-content")).getText()).contains("print(\"hello from Gantry\")");
        }
    }

    @Test
    void aReloadInTheMiddleOfTheStreamShowsEveryEventOnceWithNoGap() {
        String token = tokenFor("reload");
        TestUserEvents api = new TestUserEvents(token);
        api.replaySettings("never");
        String steps = String.join(",", LongStream.rangeClosed(1, 10).mapToObj(i ->
                "{\"tool\": \"terminal\", \"arguments\": {\"command\": \"sleep 1; echo '<b id=injected>step " + i + "</b>'\"}}")
                .toList());
        String id = api.start("<img src=x id=pwned> reload", "[" + steps + "]");
        try (Browser browser = Browser.open(Platform.get().gateway().toString())) {
            browser.signIn(token);
            browser.go("/#/c/" + id);
            browser.await(d -> browser.shownSeqs().size() >= 6);
            assertThat(api.status(id)).as("still running when the page is reloaded").isNotIn("finished", "error");

            browser.driver().navigate().refresh();
            browser.await(d -> "finished".equals(d.findElement(By.id("conversation-status")).getDomAttribute("data-status")));
            long last = api.lastSeq(id);
            browser.await(d -> !browser.shownSeqs().isEmpty() && browser.shownSeqs().getLast() == last);

            assertThat(browser.shownSeqs()).as("no gap, no duplicate")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
            // text from the agent and the user is text, never markup
            assertThat(browser.driver().findElements(By.id("injected"))).isEmpty();
            assertThat(browser.driver().findElements(By.id("pwned"))).isEmpty();
            assertThat(browser.find(By.id("conversation-title")).getText()).isEqualTo("<img src=x id=pwned> reload");
            assertThat(browser.find(By.id("events")).getText()).contains("<b id=injected>step 10</b>");
        }
    }

    @Test
    void aLongConversationKeepsItsLatestEventsInThePageAndShowsTheEarlierOnesOnDemandInOrder() {
        String token = tokenFor("long");
        TestUserEvents api = new TestUserEvents(token);
        api.replaySettings("never");
        String steps = LongStream.rangeClosed(1, 95).mapToObj(i ->
                "{\"tool\": \"think\", \"arguments\": {\"thought\": \"thought " + i + "\"}}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        String id = api.start("long", steps);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3))
                .until(() -> "finished".equals(api.status(id)));
        long last = api.lastSeq(id);
        assertThat(last).as("more events than the page keeps at once").isGreaterThan(250);
        try (Browser browser = Browser.open(Platform.get().gateway().toString())) {
            browser.signIn(token);
            browser.go("/#/c/" + id);
            browser.await(d -> !browser.shownSeqs().isEmpty() && browser.shownSeqs().getLast() == last);
            assertThat(browser.shownSeqs()).as("the latest 250, in order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(last - 249, last).boxed().toList());
            WebElement earlier = browser.find(By.id("show-earlier"));
            assertThat(earlier.getText()).contains((last - 250) + " not shown");

            earlier.click();
            browser.await(d -> browser.shownSeqs().size() == last);
            assertThat(browser.shownSeqs()).as("every event once, in order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
            assertThat(browser.driver().findElement(By.id("show-earlier")).isDisplayed()).isFalse();
        }
    }

    @Test
    void anotherUserCannotOpenTheFirstUsersConversation() {
        TestUserEvents owner = new TestUserEvents(tokenFor("owner"));
        owner.replaySettings("never");
        String id = owner.start("owner's secret work", "[{\"tool\": \"think\", \"arguments\": {\"thought\": \"private\"}}]");
        try (Browser browser = Browser.open(Platform.get().gateway().toString())) {
            browser.signIn(tokenFor("intruder"));
            browser.go("/#/c/" + id);
            assertThat(browser.find(By.id("conversation-error")).getText()).contains("no such conversation");
            assertThat(browser.driver().findElements(By.cssSelector("#events .event"))).isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain("owner's secret work", "private");

            browser.go("/#/c/" + id + "/files");
            assertThat(browser.find(By.id("conversation-error")).getText()).contains("no such conversation");
        }
    }

    private static String tokenFor(String name) {
        return new Tokens(Platform.get().home()).forUser("ui-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Types a long text at once (sendKeys would type it key by key), then tells the page it changed. */
    private static void setValue(Browser browser, WebElement element, String text) {
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", element, text);
    }

    /** The user's view of the API, for setting up and checking what the browser shows. */
    static final class TestUserEvents {

        private final PublicApi api;

        TestUserEvents(String token) {
            this.api = new PublicApi(token);
        }

        void replaySettings(String policy) {
            api.request().body(Map.of("model", "gantry/replay", "confirmationPolicy", policy, "maxIterations", 5000))
                    .post("/api/v1/settings").then().statusCode(200);
        }

        String start(String title, String trajectory) {
            return api.request().body(Map.of("title", title, "initialMessage", trajectory)).post("/api/v1/conversations")
                    .then().statusCode(201).extract().path("id");
        }

        String status(String id) {
            return api.request().get("/api/v1/conversations/" + id).then().statusCode(200).extract().path("status");
        }

        long lastSeq(String id) {
            return ((Number) api.request().get("/api/v1/conversations/" + id).then().statusCode(200).extract()
                    .path("lastSeq")).longValue();
        }

        List<ConversationEvent> events(String id) {
            return TestUser.eventsOf(api, id);
        }
    }
}
