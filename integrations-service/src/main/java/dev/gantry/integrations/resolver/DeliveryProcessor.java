package dev.gantry.integrations.resolver;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.git.GitProviders;
import dev.gantry.integrations.git.GitRequestException;
import dev.gantry.integrations.git.provider.GitProviderApi;
import dev.gantry.integrations.git.provider.GitProviderException;
import dev.gantry.integrations.git.provider.ItemComment;
import dev.gantry.integrations.git.provider.ProviderAccess;
import dev.gantry.integrations.resolver.ResolverStoreApi.Configuration;
import dev.gantry.integrations.resolver.ResolverStoreApi.Job;
import dev.gantry.integrations.webhooks.WebhookDelivery;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Reads the verified deliveries from {@code gantry.resolver-deliveries} and starts a conversation for each that
 * triggers the resolver, as its configuration's user: the task is the or request's title, body and comments;
 * on a pull request the agent works on its branch. conversation-service records the delivery with the conversation,
 * so a delivery read again (a crash before the offset was committed, a provider's redelivery) starts nothing twice.
 * A record's offset is committed once it is handled; a failing dependency is tried again, doubling the wait, and a
 * delivery that still fails after {@code max-attempts} tries is not dropped: it is nacked, and the channel's
 * dead-letter strategy writes it to {@code gantry.resolver-deliveries-failed} (with the reason in its
 * {@code dead-letter-reason} header) before its offset is committed, so one repository's broken delivery neither
 * blocks the others' nor is lost. Replaying it (README, "The resolver") starts nothing twice.
 */
@ApplicationScoped
public class DeliveryProcessor {

    private final ObjectMapper json;
    private final ResolverStoreApi store;
    private final GitProviders providers;
    private final ProviderComments comments;
    private final ResolverConfig config;

    DeliveryProcessor(ObjectMapper json, @RestClient ResolverStoreApi store, GitProviders providers,
            ProviderComments comments, ResolverConfig config) {
        this.json = json;
        this.store = store;
        this.providers = providers;
        this.comments = comments;
        this.config = config;
    }

    @Incoming(Topics.RESOLVER_DELIVERIES)
    @Blocking
    public void onDelivery(String record) {
        WebhookDelivery delivery;
        try {
            delivery = json.readValue(record, WebhookDelivery.class);
        } catch (java.io.IOException unreadable) {
            Log.warnf("skipping an unreadable resolver delivery: %s", unreadable.getMessage());
            return;
        }
        long wait = config.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                process(delivery);
                return;
            } catch (ResolverRequestException | GitRequestException refused) {
                Log.warnf("%s delivery %s started nothing: %s", delivery.provider(), delivery.deliveryId(),
                        refused.getMessage());
                return;
            } catch (RuntimeException failure) {
                if (attempt >= config.maxAttempts()) {
                    Log.errorf("%s delivery %s for %s/%s failed %d times, set aside on %s: %s", delivery.provider(),
                            delivery.deliveryId(), delivery.host(), delivery.repository(), attempt,
                            Topics.RESOLVER_DELIVERIES_FAILED, failure.toString());
                    throw new DeliveryFailedException(delivery, attempt, failure);
                }
                Log.warnf("%s delivery %s failed (%s); trying again in %d ms", delivery.provider(), delivery.deliveryId(),
                        failure.toString(), wait);
                sleep(wait);
                wait *= 2;
            }
        }
    }

    /** Starts the delivery's conversation if it triggers the resolver, once, and says so on the provider. */
    void process(WebhookDelivery delivery) {
        GitProvider provider = GitProvider.fromWire(delivery.provider()).orElseThrow();
        Configuration configuration;
        try {
            configuration = StoreAnswers.await(store.get(delivery.configurationId()));
        } catch (ResolverRequestException e) {
            if (StoreAnswers.notFound(e)) {
                Log.infof("%s delivery %s dropped: its resolver configuration was removed", delivery.provider(),
                        delivery.deliveryId());
                return;
            }
            throw e;
        }
        Optional<Trigger> trigger = Triggers.of(provider, delivery.event(), delivery.payload(), configuration.label(),
                configuration.mention());
        if (trigger.isEmpty()) {
            Log.debugf("%s delivery %s (%s) triggers nothing", delivery.provider(), delivery.deliveryId(), delivery.event());
            return;
        }
        Trigger task = trigger.get();
        ProviderAccess access = comments.access(configuration.userId(), configuration.host());
        GitProviderApi api = providers.of(provider);
        Job job;
        try {
            String branch = !task.item().pullRequest() ? null : task.branch() != null ? task.branch()
                    : api.pullRequestBranch(access, configuration.repository(), task.item().number());
            List<ItemComment> thread = api.comments(access, configuration.repository(), task.item());
            RestResponse<Job> started = StoreAnswers.await(store.start(provider.wireName(), new ResolverStoreApi.Start(
                    configuration.id(), delivery.deliveryId(), task.item().number(), task.item().pullRequest(),
                    TaskWriter.title(task), TaskWriter.message(provider, configuration.repository(), task, branch, thread),
                    branch)));
            job = started.getEntity();
            if (started.getStatus() != RestResponse.StatusCode.CREATED) {
                Log.infof("%s delivery %s was seen before (conversation %s): nothing started", delivery.provider(),
                        delivery.deliveryId(), job.conversationId());
            }
        } catch (ResolverRequestException refused) {
            // the request could not start (a repository the user's connection cannot resolve...): say why, once
            comments.post(configuration.userId(), configuration.host(), configuration.repository(), task.item(),
                    ProviderComments.couldNotStart(refused.getMessage()));
            throw refused;
        } catch (GitProviderException e) {
            if (e.kind() == GitProviderException.Kind.UNAVAILABLE) {
                throw e;
            }
            throw ResolverRequestException.invalid("repository", e.getMessage());
        }
        if (!job.startCommentPosted()) {
            comments.post(configuration.userId(), configuration.host(), configuration.repository(), task.item(),
                    comments.started(job.conversationId()));
            StoreAnswers.await(store.update(job.conversationId(), new ResolverStoreApi.JobUpdate(true, null)));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to try a delivery again", e);
        }
    }
}
