package dev.gantry.eventstore.stream;

/**
 * What reaches a live stream's buffer: events announced by any replica, heartbeats, and the
 * request to read the log, which is queued behind the stream's registration so nothing
 * committed after that read can be missed.
 */
sealed interface LiveSignal permits EventFrame, Heartbeat, CatchUp {
}
