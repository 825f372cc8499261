package dev.gantry.conversation.service;

/**
 * The outcome of a create-or-replace.
 *
 * @param created true when nothing of that name existed before
 */
public record Written<T>(boolean created, T value) {
}
