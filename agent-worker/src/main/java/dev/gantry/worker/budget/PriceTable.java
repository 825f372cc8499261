package dev.gantry.worker.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The price of each model the worker knows: the shipped list prices ({@code prices/llm-prices.json}) under the
 * installation's {@code gantry.worker.prices."<model>".*}. Built at start, so a price that cannot be used (negative,
 * or a new model without both its input and output price) stops the worker with the key's name, as a value that is
 * not a number does in the configuration itself.
 */
@Startup
@Singleton
public class PriceTable {

    static final String RESOURCE = "/prices/llm-prices.json";
    private static final String KEY = "gantry.worker.prices.\"%s\".%s";

    private final Map<String, ModelPrice> prices;

    @Inject
    PriceTable(WorkerConfig config) {
        this(shipped(), config.prices());
    }

    PriceTable(Map<String, ModelPrice> shipped, Map<String, WorkerConfig.PriceOverride> overrides) {
        Map<String, ModelPrice> all = new HashMap<>(shipped);
        overrides.forEach((model, override) -> all.put(model, merged(model, shipped.get(model), override)));
        this.prices = Map.copyOf(all);
    }

    /**
     * The price of a model by its name as the settings give it; a LiteLLM-style provider prefix
     * ({@code anthropic/claude-sonnet-4-5}) is tried without it when the full name has no price.
     */
    public Optional<ModelPrice> of(String model) {
        ModelPrice price = prices.get(model);
        int slash = model.indexOf('/');
        if (price == null && slash > 0) {
            price = prices.get(model.substring(slash + 1));
        }
        return Optional.ofNullable(price);
    }

    private static ModelPrice merged(String model, ModelPrice shipped, WorkerConfig.PriceOverride override) {
        BigDecimal input = override.input().or(() -> Optional.ofNullable(shipped).map(ModelPrice::input))
                .orElseThrow(() -> missing(model, "input"));
        BigDecimal output = override.output().or(() -> Optional.ofNullable(shipped).map(ModelPrice::output))
                .orElseThrow(() -> missing(model, "output"));
        BigDecimal cachedInput = override.cachedInput()
                .or(() -> Optional.ofNullable(shipped).filter(s -> override.input().isEmpty()).map(ModelPrice::cachedInput))
                .orElse(input);
        BigDecimal cacheWriteInput = override.cacheWriteInput()
                .or(() -> Optional.ofNullable(shipped).filter(s -> override.input().isEmpty()).map(ModelPrice::cacheWriteInput))
                .orElse(input);
        requireNotNegative(model, "input", input);
        requireNotNegative(model, "cached-input", cachedInput);
        requireNotNegative(model, "cache-write-input", cacheWriteInput);
        requireNotNegative(model, "output", output);
        return new ModelPrice(input, cachedInput, cacheWriteInput, output);
    }

    private static IllegalStateException missing(String model, String field) {
        return new IllegalStateException(KEY.formatted(model, field) + " is missing: " + model
                + " is not in the shipped price table, so it needs both its input and output price");
    }

    private static void requireNotNegative(String model, String field, BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalStateException(KEY.formatted(model, field) + " must not be negative, was "
                    + value.toPlainString());
        }
    }

    private static BigDecimal priceOr(JsonNode model, String field, BigDecimal otherwise) {
        JsonNode price = model.path(field);
        return price.isMissingNode() ? otherwise : new BigDecimal(price.asText());
    }

    static Map<String, ModelPrice> shipped() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the price table " + RESOURCE + " is missing");
            }
            Map<String, ModelPrice> table = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> models = GantryJson.mapper().readTree(in).path("models").fields();
            while (models.hasNext()) {
                Map.Entry<String, JsonNode> model = models.next();
                BigDecimal input = new BigDecimal(model.getValue().path("input").asText());
                table.put(model.getKey(), new ModelPrice(input, priceOr(model.getValue(), "cachedInput", input),
                        priceOr(model.getValue(), "cacheWriteInput", input),
                        new BigDecimal(model.getValue().path("output").asText())));
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
