package dev.gantry.system.platform;

/**
 * A span one of the services exported, as the OTLP receiver read it. Ids are lower-case hex; {@code parentSpanId}
 * is empty for a root span; {@code kind} is OTLP's number (1 internal, 2 server, 3 client, 4 producer, 5 consumer).
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {

    public static final int SERVER = 2;
    public static final int CLIENT = 3;
    public static final int PRODUCER = 4;
    public static final int CONSUMER = 5;

    @Override
    public String toString() {
        return service + ":" + name + "[" + spanId + "<-" + (parentSpanId.isEmpty() ? "root" : parentSpanId) + "]";
    }
}
