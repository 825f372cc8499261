package dev.gantry.worker.llm;

import java.util.List;
import java.util.Locale;

/**
 * Which models read images: a model name (its {@code provider/} prefix ignored, any case) that starts
 * with one of the configured prefixes.
 */
public record VisionModels(List<String> prefixes) {

    public VisionModels {
        prefixes = prefixes.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .toList();
    }

    public boolean readsImages(String model) {
        if (model == null) {
            return false;
        }
        String name = model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
