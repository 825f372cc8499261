package dev.gantry.worker.messaging;

/** Events could not be written: this worker lost the partition (it was fenced) or Kafka failed. */
public class EventWriteFailedException extends RuntimeException {

    public EventWriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
