package dev.gantry.worker.risk;

/**
 * Where a command runs: the conversation's workspace, and the directory a {@code cd} earlier in the same command
 * line moved to ({@code ~}-based for the home directory), against which relative paths are read.
 */
record Scope(String workspace, String cwd) {

    PathKind kind(String path) {
        return PathKind.of(path, cwd, workspace);
    }

    /** The scope after {@code cd target}. */
    Scope changedTo(String target) {
        if (target == null || target.equals("~") || target.equals("$HOME")) {
            return new Scope(workspace, "~");
        }
        if (target.startsWith("/") || target.startsWith("~") || target.startsWith("$HOME")) {
            return new Scope(workspace, target);
        }
        String base = cwd == null ? workspace : cwd;
        return new Scope(workspace, base.endsWith("/") ? base + target : base + "/" + target);
    }
}
