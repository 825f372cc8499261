package dev.gantry.eventstore.rest;

public record EventCount(long count) {
}
