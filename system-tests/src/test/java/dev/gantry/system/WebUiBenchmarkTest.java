package dev.gantry.system;

import static org.awaitility.Awaitility.await;

import dev.gantry.system.browser.Browser;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * How soon the conversation page shows its first event when it is loaded for a conversation of 2,000 events (target:
 * 300 ms), and when it has shown them all, in headless Chromium; next to, in the same run, the same page for a
 * conversation of a handful of events and the API's own answer for the first page of events. Figures, not checks:
 * {@code mvn -B -pl system-tests verify -Pbenchmark -Dtest=WebUiBenchmarkTest}.
 */
@Tag("benchmark")
class WebUiBenchmarkTest {

    private static final int THINK_STEPS = 1000; // an action and its observation each: 2,000 events and a few more
    private static final int SAMPLES = 7;
    private static final long TARGET_MILLIS = 300;

    @Test
    void printsWhenTheConversationPageShowsItsFirstAndLastEventForALongConversation() throws Exception {
        String token = new Tokens(Platform.get().home()).forUser("ui-bench-" + UUID.randomUUID().toString().substring(0, 8));
        WebUiTest.TestUserEvents api = new WebUiTest.TestUserEvents(token);
        // right after the platform's start a busy machine may answer 503 for a while
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).ignoreExceptions()
                .untilAsserted(() -> api.replaySettings("never"));
        String steps = IntStream.rangeClosed(1, THINK_STEPS)
                .mapToObj(i -> "{\"tool\": \"think\", \"arguments\": {\"thought\": \"step " + i + "\"}}")
                .collect(Collectors.joining(",", "[", "]"));
        long started = System.nanoTime();
        String longOne = api.start("benchmark: long", steps);
        String shortOne = api.start("benchmark: short", "[{\"tool\": \"think\", \"arguments\": {\"thought\": \"one\"}}]");
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "finished".equals(api.status(longOne)) && "finished".equals(api.status(shortOne)));
        long events = api.lastSeq(longOne);
        System.out.printf("%nweb UI benchmark: a conversation of %,d events (replayed in %.1f s)%n", events,
                (System.nanoTime() - started) / 1e9);

        List<Double> apiFirstPage = new ArrayList<>();
        // HTTP/1.1 as the browser speaks to a plain-http origin (the JDK client would ask for an h2c upgrade each time)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(Platform.get().gateway()
                            + "/api/v1/conversations/" + longOne + "/events?afterSeq=0&limit=100"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            apiFirstPage.add((System.nanoTime() - t0) / 1e6);
            if (page.statusCode() != 200) {
                throw new IllegalStateException("the events page answered " + page.statusCode());
            }
        }

        Map<String, List<Double>> longMarks;
        Map<String, List<Double>> shortMarks;
        Map<String, List<Double>> freshTabMarks;
        try (Browser browser = Browser.open(Platform.get().gateway().toString())) {
            browser.signIn(token);
            shortMarks = measure(browser, shortOne, api.lastSeq(shortOne), false);
            longMarks = measure(browser, longOne, events, false);
            freshTabMarks = measure(browser, longOne, events, true);
        }
        System.out.println("| what (ms from navigation start, " + SAMPLES + " loads) | median | max |");
        System.out.println("|---|---|---|");
        row("API: first page of 100 events (Java client, baseline)", apiFirstPage);
        row("short conversation: first event shown", shortMarks.get("first"));
        row("short conversation: every event shown", shortMarks.get("live"));
        row(String.format("%,d events: first event shown", events), longMarks.get("first"));
        row(String.format("%,d events: every event shown", events), longMarks.get("live"));
        row(String.format("%,d events, each load in a new tab: first event shown", events), freshTabMarks.get("first"));
        row(String.format("%,d events, each load in a new tab: every event shown", events), freshTabMarks.get("live"));
        double median = median(longMarks.get("first"));
        System.out.printf("target: first event within %d ms of load for %,d events: %s (median %.0f ms)%n%n",
                TARGET_MILLIS, events, median <= TARGET_MILLIS ? "met" : "MISSED", median);
    }

    /**
     * Loads the conversation page afresh {@link #SAMPLES} times (after a warm-up load) and reads its marks: in the same
     * tab after a blank page, or each time in a new tab (the previous one closed), as a link opened from elsewhere.
     */
    private static Map<String, List<Double>> measure(Browser browser, String id, long lastSeq, boolean newTab) {
        List<Double> first = new ArrayList<>();
        List<Double> live = new ArrayList<>();
        for (int i = 0; i <= SAMPLES; i++) {
            if (newTab) {
                // the token lives in the tab's sessionStorage: carried over on a small page of the same origin
                String token = (String) browser.script("return sessionStorage.getItem('gantry.token')");
                String previous = browser.driver().getWindowHandle();
                browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
                String fresh = browser.driver().getWindowHandle();
                browser.driver().switchTo().window(previous).close();
                browser.driver().switchTo().window(fresh);
                browser.go("/ui/config.json");
                browser.script("sessionStorage.setItem('gantry.token', arguments[0])", token);
            } else {
                browser.driver().get("about:blank");
            }
            browser.go("/#/c/" + id);
            browser.await(d -> !browser.shownSeqs().isEmpty() && browser.shownSeqs().getLast() == lastSeq
                    && "live".equals(d.findElement(By.id("stream-state")).getDomAttribute("data-state")));
            if (i == 0) {
                continue; // warm-up: the browser's cache of the app's modules
            }
            first.add(mark(browser, "gantry:first-event"));
            live.add(mark(browser, "gantry:caught-up"));
            if (i == SAMPLES) {
                printTimeline(browser, lastSeq);
            }
        }
        return Map.of("first", first, "live", live);
    }

    /** Where the last load's time went: the document, the app's modules, and the API requests before the first event. */
    private static void printTimeline(Browser browser, long lastSeq) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) browser.script("""
                const nav = performance.getEntriesByType('navigation')[0];
                const rows = [{name: 'document (request sent ' + Math.round(nav.requestStart) + ', answer began '
                                     + Math.round(nav.responseStart) + ')', start: nav.startTime, end: nav.responseEnd},
                              {name: 'DOMContentLoaded', start: nav.domContentLoadedEventStart, end: nav.domContentLoadedEventEnd}];
                for (const r of performance.getEntriesByType('resource')) {
                  rows.push({name: r.name.replace(location.origin, ''), start: r.startTime, end: r.responseEnd});
                }
                for (const m of performance.getEntriesByType('mark')) rows.push({name: 'mark ' + m.name, start: m.startTime, end: m.startTime});
                return rows.sort((a, b) => a.start - b.start).map((r) => ({name: r.name, start: Math.round(r.start), end: Math.round(r.end)}));""");
        System.out.printf("timeline of the last load (%,d events), ms from navigation start:%n", lastSeq);
        for (Map<String, Object> entry : entries) {
            System.out.printf("  %5s .. %5s  %s%n", entry.get("start"), entry.get("end"), entry.get("name"));
        }
    }

    private static double mark(Browser browser, String name) {
        return ((Number) browser.script("return performance.getEntriesByName(arguments[0])[0].startTime;", name))
                .doubleValue();
    }

    private static void row(String what, List<Double> samples) {
        System.out.printf("| %s | %.0f | %.0f |%n", what, median(samples), Collections.max(samples));
    }

    private static double median(List<Double> samples) {
        List<Double> sorted = samples.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
