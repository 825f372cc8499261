package dev.gantry.worker.llm;

import dev.gantry.worker.config.WorkerConfig;
import dev.gantry.worker.llm.provider.ProviderOptions;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The installation's LLM options, read and checked at start: a wrong value stops the worker, naming its key. */
@Singleton
class ProviderOptionsProducer {

    @Produces
    @Singleton
    @Startup
    ProviderOptions options(WorkerConfig config) {
        return ProviderOptions.of(config.llm());
    }
}
