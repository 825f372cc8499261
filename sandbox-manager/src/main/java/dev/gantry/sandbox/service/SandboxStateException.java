package dev.gantry.sandbox.service;

import dev.gantry.contracts.sandbox.SandboxStatus;

/** The sandbox exists but is not in a state that allows the call (files of a paused sandbox): a 409. */
public class SandboxStateException extends RuntimeException {

    private final SandboxStatus status;

    public SandboxStateException(String detail, SandboxStatus status) {
        super(detail);
        this.status = status;
    }

    public SandboxStatus status() {
        return status;
    }
}
