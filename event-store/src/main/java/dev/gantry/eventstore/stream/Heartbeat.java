package dev.gantry.eventstore.stream;

/** A comment line on the stream, so proxies do not close it while the conversation is quiet. */
public enum Heartbeat implements StreamItem, LiveSignal {
    INSTANCE
}
