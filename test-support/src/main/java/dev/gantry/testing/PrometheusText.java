package dev.gantry.testing;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;

/**
 * Reads samples out of a Prometheus text exposition ({@code /q/metrics}), as a scraper would: by metric name
 * and the labels a sample must carry (others may be present too). An exemplar after a sample ({@code # {trace_id=...}
 * 1.0 ...}, which Micrometer adds once OpenTelemetry traces the request) is not part of its value.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** The value of the first sample named {@code name} with all of {@code labels}, if the scrape has one. */
    public static OptionalDouble value(String scrape, String name, Map<String, String> labels) {
        return samples(scrape, name, labels).findFirst();
    }

    /** The sum of the samples named {@code name} with all of {@code labels} (0 when there is none). */
    public static double sum(String scrape, String name, Map<String, String> labels) {
        return samples(scrape, name, labels).sum();
    }

    private static DoubleStream samples(String scrape, String name, Map<String, String> labels) {
        return scrape.lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> SAMPLE.matcher(withoutExemplar(line).strip()))
                .filter(sample -> sample.matches() && sample.group(1).equals(name) && carries(sample.group(3), labels))
                .mapToDouble(sample -> Double.parseDouble(sample.group(4)));
    }

    private static String withoutExemplar(String line) {
        int exemplar = line.indexOf(" # {");
        return exemplar < 0 ? line : line.substring(0, exemplar);
    }

    private static boolean carries(String labelText, Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (labelText == null) {
            return false;
        }
        Matcher label = LABEL.matcher(labelText);
        int found = 0;
        while (label.find()) {
            String want = wanted.get(label.group(1));
            if (want != null) {
                if (!want.equals(label.group(2))) {
                    return false;
                }
                found++;
            }
        }
        return found == wanted.size();
    }
}
