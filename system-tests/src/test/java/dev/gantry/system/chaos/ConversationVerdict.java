package dev.gantry.system.chaos;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ObservationEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the chaos suite found for one conversation after the faults: each list names what broke a promise
 * (empty when it was kept); {@code stepsRunTwice} is kept apart, as the one the suite can be told to report
 * rather than fail on.
 */
public record ConversationVerdict(String conversationId, String status, int events, int streamConnections,
        int callbackDeliveries, List<String> broken, Map<Integer, Integer> stepsRunTwice) {

    public static ConversationVerdict of(ChaosConversation conversation, String status, List<ConversationEvent> log,
            List<ResumingEventStream.Received> streamed, List<CallbackReceiver.Delivery> deliveries,
            List<String> stepLog) {
        List<String> broken = new ArrayList<>();
        if (!"finished".equals(status)) {
            broken.add("ended " + status + ", not finished");
        }
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).seq() != i + 1) {
                broken.add("seq " + log.get(i).seq() + " at position " + (i + 1) + ": the log has a gap or a double");
                break;
            }
        }
        Set<String> ids = log.stream().map(e -> e.id().toString()).collect(Collectors.toSet());
        if (ids.size() != log.size()) {
            broken.add((log.size() - ids.size()) + " event ids twice in the log");
        }
        List<String> calls = log.stream().map(ConversationEvent::payload).filter(ActionEvent.class::isInstance)
                .map(p -> ((ActionEvent) p).toolCallId()).toList();
        if (new HashSet<>(calls).size() != calls.size()) {
            broken.add("an action recorded twice: " + calls);
        }
        Map<String, Long> observations = log.stream().map(ConversationEvent::payload)
                .filter(ObservationEvent.class::isInstance).map(p -> ((ObservationEvent) p).toolCallId())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        observations.forEach((call, count) -> {
            if (count != 1) {
                broken.add("tool call " + call + " observed " + count + " times");
            }
        });
        // the stream, across its reconnections, saw each event once and all of them, in order
        List<Long> streamedSeqs = streamed.stream().map(r -> r.event().seq()).toList();
        List<Long> expected = log.stream().map(ConversationEvent::seq).toList();
        if (!streamedSeqs.equals(expected)) {
            broken.add("the resuming stream saw seqs " + summary(streamedSeqs) + ", the log has " + summary(expected));
        }
        // callbacks: at least once for every action and observation, always under the event's own id
        Map<String, ConversationEvent> byId = log.stream().collect(Collectors.toMap(e -> e.id().toString(), e -> e,
                (a, b) -> a));
        Set<String> delivered = new HashSet<>();
        for (CallbackReceiver.Delivery delivery : deliveries) {
            ConversationEvent event = byId.get(delivery.eventId());
            if (event == null || event.seq() != delivery.seq() || !delivery.eventId().equals(delivery.headerId())) {
                broken.add("a callback delivery that is no event of the log as it is: " + delivery);
            }
            delivered.add(delivery.eventId());
        }
        log.stream().filter(e -> e.payload() instanceof ActionEvent || e.payload() instanceof ObservationEvent)
                .filter(e -> !delivered.contains(e.id().toString()))
                .forEach(e -> broken.add("no callback for seq " + e.seq() + " (" + e.kind() + ")"));
        // each step's command ran once: its line in the workspace's step log once
        Map<Integer, Integer> runs = new TreeMap<>();
        for (String line : stepLog) {
            if (line.startsWith("step-")) {
                runs.merge(Integer.parseInt(line.substring(5).trim()), 1, Integer::sum);
            }
        }
        for (int step = 0; step < conversation.steps(); step++) {
            if (!runs.containsKey(step)) {
                broken.add("step " + step + " never ran");
            }
        }
        Map<Integer, Integer> twice = new TreeMap<>(runs);
        twice.values().removeIf(count -> count == 1);
        return new ConversationVerdict(conversation.id(), status, log.size(), conversation.stream().connections(),
                deliveries.size(), List.copyOf(broken), twice);
    }

    private static String summary(List<Long> seqs) {
        return seqs.size() <= 12 ? seqs.toString() : seqs.size() + " events " + seqs.subList(0, 5) + "..."
                + seqs.subList(seqs.size() - 5, seqs.size());
    }
}
