package dev.gantry.local;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.Topics.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the broker hold Gantry's topics as {@link Topics#ALL} describes them: creates the missing
 * ones and adds partitions to those that have too few. Running it again changes nothing.
 */
public final class TopicProvisioner {

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** What provisioning did to one topic. */
    public enum Outcome { CREATED, GREW, UNCHANGED }

    public record Result(String topic, Outcome outcome, int partitions) {
    }

    public List<Result> provision(Collection<TopicSpec> specs, short replicationFactor)
            throws ExecutionException, InterruptedException {
        var existing = admin.listTopics().names().get();
        List<TopicSpec> missing = specs.stream().filter(spec -> !existing.contains(spec.name())).toList();
        List<TopicSpec> present = new ArrayList<>(specs.stream().filter(spec -> existing.contains(spec.name())).toList());
        Map<String, KafkaFuture<Void>> creations = admin.createTopics(missing.stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()))
                .toList()).values();
        List<Result> results = new ArrayList<>();
        for (TopicSpec spec : missing) {
            try {
                creations.get(spec.name()).get();
                results.add(new Result(spec.name(), Outcome.CREATED, spec.partitions()));
            } catch (ExecutionException e) {
                // created meanwhile (by another provisioner, or not yet in the listing): check it as present
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                present.add(spec);
            }
        }

        Map<String, TopicDescription> described = admin.describeTopics(present.stream().map(TopicSpec::name).toList())
                .allTopicNames().get();
        for (TopicSpec spec : present) {
            int current = described.get(spec.name()).partitions().size();
            if (current < spec.partitions()) {
                admin.createPartitions(Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions()))).all().get();
                results.add(new Result(spec.name(), Outcome.GREW, spec.partitions()));
            } else {
                results.add(new Result(spec.name(), Outcome.UNCHANGED, current));
            }
        }
        return results;
    }

    /** {@code TopicProvisioner <bootstrap-servers> [replication-factor]}: used by deploy/local/infra-up.sh. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TopicProvisioner <bootstrap-servers> [replication-factor]");
            System.exit(2);
        }
        short replicationFactor = args.length > 1 ? Short.parseShort(args[1]) : 1;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(config)) {
            for (Result result : new TopicProvisioner(admin).provision(Topics.ALL, replicationFactor)) {
                System.out.printf("topic %-32s %-9s %d partitions%n", result.topic(), result.outcome(),
                        result.partitions());
            }
        }
    }
}
