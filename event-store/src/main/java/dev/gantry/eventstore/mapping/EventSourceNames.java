package dev.gantry.eventstore.mapping;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.EventSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wire names of {@link EventSource} ({@code user}, {@code agent}, ...), as the contracts' JSON
 * mapping spells them: the database stores them and queries filter by them.
 */
public final class EventSourceNames {

    private static final Map<EventSource, String> NAMES = Arrays.stream(EventSource.values())
            .collect(Collectors.toUnmodifiableMap(Function.identity(),
                    source -> GantryJson.mapper().convertValue(source, String.class)));
    private static final Map<String, EventSource> SOURCES = NAMES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private EventSourceNames() {
    }

    public static String nameOf(EventSource source) {
        return NAMES.get(source);
    }

    /** The source with this wire name, or empty when there is none. */
    public static Optional<EventSource> parse(String name) {
        return Optional.ofNullable(SOURCES.get(name));
    }

    /** Every wire name, for error messages. */
    public static String allNames() {
        return Arrays.stream(EventSource.values()).map(NAMES::get).collect(Collectors.joining(", "));
    }
}
