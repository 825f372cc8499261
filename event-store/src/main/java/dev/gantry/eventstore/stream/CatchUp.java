package dev.gantry.eventstore.stream;

/** Read the log from the stream's position on. */
enum CatchUp implements LiveSignal {
    INSTANCE
}
