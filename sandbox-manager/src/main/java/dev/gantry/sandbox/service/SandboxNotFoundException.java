package dev.gantry.sandbox.service;

/** No sandbox with this id, or none the caller may see: a 404. */
public class SandboxNotFoundException extends RuntimeException {

    public SandboxNotFoundException(String id) {
        super("no sandbox " + id);
    }
}
