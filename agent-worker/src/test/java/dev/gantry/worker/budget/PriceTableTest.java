package dev.gantry.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped prices, and the installation's overrides read through the worker's own config mapping. */
class PriceTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3", "o4-mini", "gpt-5", "gpt-5-mini",
            "claude-3-5-sonnet-20241022", "claude-3-7-sonnet-20250219", "claude-sonnet-4-20250514", "claude-opus-4-1",
            "claude-sonnet-4-5", "claude-haiku-4-5", "gemini-1.5-pro", "gemini-2.0-flash", "gemini-2.5-pro",
            "gemini-2.5-flash", "mistral-large-latest", "codestral-latest", "deepseek-chat", "deepseek-reasoner"})
    void shipsAPriceForTheCommonModels(String model) {
        ModelPrice price = table(Map.of()).of(model).orElseThrow();

        assertThat(price.input()).isPositive();
        assertThat(price.output()).isGreaterThanOrEqualTo(price.input());
        assertThat(price.cachedInput()).isPositive().isLessThanOrEqualTo(price.input());
    }

    @Test
    void shipsThePublishedListPricesPerMillionTokens() {
        PriceTable table = table(Map.of());

        assertThat(table.of("gpt-4o").orElseThrow()).isEqualTo(price("2.50", "1.25", "10.00"));
        // Anthropic prices its cache writes apart: 1.25 times the input price
        assertThat(table.of("claude-sonnet-4-5").orElseThrow())
                .isEqualTo(new ModelPrice(new BigDecimal("3.00"), new BigDecimal("0.30"), new BigDecimal("3.75"),
                        new BigDecimal("15.00")));
        assertThat(table.of("deepseek-chat").orElseThrow()).isEqualTo(price("0.28", "0.028", "0.42"));
        // no published cache price: cached tokens cost what other input tokens cost
        assertThat(table.of("mistral-large-latest").orElseThrow()).isEqualTo(price("2.00", "2.00", "6.00"));
    }

    @Test
    void aProviderPrefixIsTriedWithoutItAndAnUnknownModelHasNoPrice() {
        PriceTable table = table(Map.of());

        assertThat(table.of("anthropic/claude-sonnet-4-5")).isEqualTo(table.of("claude-sonnet-4-5"));
        assertThat(table.of("gemini/gemini-2.5-pro")).isPresent();
        assertThat(table.of("my-local-llama")).isEmpty();
        assertThat(table.of("ollama/my-local-llama")).isEmpty();
    }

    @Test
    void theInstallationOverridesAShippedPriceFieldByFieldAndAddsModels() {
        PriceTable table = table(Map.of(
                "gantry.worker.prices.\"gpt-4o\".output", "8",
                "gantry.worker.prices.\"gpt-4.1\".input", "1.00",
                "gantry.worker.prices.\"acme/coder-7b\".input", "0.2",
                "gantry.worker.prices.\"acme/coder-7b\".cached-input", "0.05",
                "gantry.worker.prices.\"acme/coder-7b\".output", "0.6"));

        assertThat(table.of("gpt-4o").orElseThrow()).isEqualTo(price("2.50", "1.25", "8"));
        // a new input price without a cached one: cached tokens cost the new input price
        assertThat(table.of("gpt-4.1").orElseThrow()).isEqualTo(price("1.00", "1.00", "8.00"));
        assertThat(table.of("acme/coder-7b").orElseThrow()).isEqualTo(price("0.2", "0.05", "0.6"));
    }

    @Test
    void aPriceThatIsNotANumberStopsTheWorkerNamingTheKey() {
        assertThatThrownBy(() -> table(Map.of("gantry.worker.prices.\"gpt-4o\".input", "cheap")))
                .hasMessageContaining("gantry.worker.prices.\"gpt-4o\".input")
                .hasMessageContaining("cheap");
    }

    @Test
    void aNegativePriceStopsTheWorkerNamingTheKey() {
        assertThatThrownBy(() -> table(Map.of("gantry.worker.prices.\"gpt-4o\".cached-input", "-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gantry.worker.prices.\"gpt-4o\".cached-input must not be negative, was -1");
    }

    @Test
    void aNewModelWithoutItsOutputPriceStopsTheWorkerNamingTheMissingKey() {
        assertThatThrownBy(() -> table(Map.of("gantry.worker.prices.\"acme/coder-7b\".input", "0.2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("gantry.worker.prices.\"acme/coder-7b\".output is missing");
    }

    @Test
    void aCallCostsItsUncachedCachedAndOutputTokensAtTheirPrices() {
        ModelPrice price = price("2.50", "1.25", "10.00");

        // 600k uncached * 2.50 + 400k cached * 1.25 + 100k * 10.00, per million
        assertThat(price.cost(1_000_000, 400_000, 100_000)).isEqualByComparingTo("3.00");
        assertThat(price.cost(120, 0, 30)).isEqualByComparingTo("0.0006");
    }

    @Test
    void aCallThatWritesTheCacheCostsItsWrittenTokensAtTheCacheWritePrice() {
        ModelPrice sonnet = table(Map.of()).of("anthropic/claude-sonnet-4-5").orElseThrow();

        // 10k prompt tokens: 2k uncached * 3.00 + 6k read * 0.30 + 2k written * 3.75, and 1k output * 15.00
        assertThat(sonnet.cost(10_000, 6_000, 2_000, 1_000)).isEqualByComparingTo("0.0303");
        // a model that does not price writes apart: written tokens cost the input price
        assertThat(price("2.50", "1.25", "10.00").cost(1_000_000, 0, 1_000_000, 0)).isEqualByComparingTo("2.50");
    }

    @Test
    void theInstallationOverridesTheCacheWritePrice() {
        PriceTable table = table(Map.of("gantry.worker.prices.\"claude-haiku-4-5\".cache-write-input", "2.00"));

        assertThat(table.of("claude-haiku-4-5").orElseThrow().cacheWriteInput()).isEqualByComparingTo("2.00");
        assertThat(table.of("claude-haiku-4-5").orElseThrow().cachedInput()).isEqualByComparingTo("0.10");
    }

    private static ModelPrice price(String input, String cached, String output) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(cached), new BigDecimal(output));
    }

    /** The table as the worker builds it at start from these properties. */
    private static PriceTable table(Map<String, String> properties) {
        WorkerConfig config = new SmallRyeConfigBuilder().withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(WorkerConfig.class);
        return new PriceTable(config);
    }
}
