package dev.gantry.worker.skills;

import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import dev.gantry.worker.sandbox.RuntimeClient;
import dev.gantry.worker.sandbox.RuntimeClient.DirectoryListing;
import dev.gantry.worker.sandbox.RuntimeClient.FileEntry;
import dev.gantry.worker.sandbox.RuntimeProblemException;
import dev.gantry.worker.sandbox.SandboxUnreachableException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The skills a conversation's workspace holds, where OpenHands looks for them, read (never run) through the sandbox
 * runtime's file API: the instruction files of the workspace's root that other agents read too (AGENTS.md first,
 * always on, taken whole), then the Markdown files of the skill directories, Gantry's own first; for a name, the
 * first file read takes precedence.
 */
final class WorkspaceSkills {

    /** Root files, by lower-case name, and the skill name OpenHands gives each. */
    static final Map<String, String> AGENT_FILES = Map.of("agents.md", "agents", "agent.md", "agents",
            "claude.md", "claude", "gemini.md", "gemini", ".cursorrules", "cursorrules");
    /** The skill directories, in order of precedence. */
    static final List<String> DIRECTORIES = List.of(".gantry/skills", ".agents/skills", ".openhands/skills",
            ".openhands/microagents");
    /** How deep below a skill directory files are looked for. */
    private static final int MAX_DEPTH = 3;
    /** Room for front matter besides the text, when a file is read. */
    private static final int FRONT_MATTER_BYTES = 64 * 1024;

    private final RuntimeClient runtime;
    private final String workspace;
    private final SkillCollector into;
    private final int maxBytes;

    private WorkspaceSkills(RuntimeClient runtime, String workspace, SkillCollector into, SkillsConfig config) {
        this.runtime = runtime;
        this.workspace = workspace;
        this.into = into;
        // a character is at most three bytes of UTF-8 (four for two chars): enough to see past the cap
        this.maxBytes = config.maxSkillChars() * 3 + FRONT_MATTER_BYTES;
    }

    /** Reads the workspace's skills into {@code into}; a sandbox that stops answering ends the reading, said so. */
    static void read(RuntimeClient runtime, String workspace, SkillCollector into, SkillsConfig config)
            throws InterruptedException {
        WorkspaceSkills reader = new WorkspaceSkills(runtime, workspace, into, config);
        try {
            reader.agentFiles();
            for (String directory : DIRECTORIES) {
                reader.directory(directory, directory, 0);
            }
        } catch (SandboxUnreachableException | RuntimeProblemException e) {
            into.skip(SkillSource.WORKSPACE, null, "the workspace could not be read: " + e.getMessage());
        }
    }

    private void agentFiles() throws InterruptedException {
        Optional<DirectoryListing> root = runtime.list(".");
        if (root.isEmpty()) {
            return;
        }
        Set<String> texts = new HashSet<>();
        for (FileEntry entry : sorted(root.get())) {
            String name = AGENT_FILES.get(entry.name().toLowerCase(Locale.ROOT));
            if (name == null || !readable(entry)) {
                continue;
            }
            Optional<String> text = text(entry.name());
            // CLAUDE.md is often a link to AGENTS.md: the same text is loaded once
            if (text.isPresent() && texts.add(text.get().strip())) {
                into.add(SkillSource.WORKSPACE, entry.name(), new SkillFile.Parsed(name, List.of(), text.get().strip()),
                        whole(entry.name()));
            }
        }
    }

    private void directory(String base, String directory, int depth) throws InterruptedException {
        Optional<DirectoryListing> listing = runtime.list(directory);
        if (listing.isEmpty()) {
            return;
        }
        List<FileEntry> entries = sorted(listing.get());
        if (depth > 0 && entries.stream().anyMatch(e -> e.name().equalsIgnoreCase("SKILL.md"))) {
            into.skip(SkillSource.WORKSPACE, directory + "/SKILL.md", "AgentSkills directories (SKILL.md) are not"
                    + " loaded: put the skill in a Markdown file of " + base + " instead");
            return;
        }
        for (FileEntry entry : entries) {
            if (!readable(entry) || !entry.name().endsWith(".md") || entry.name().equals("README.md")) {
                continue;
            }
            String path = directory + "/" + entry.name();
            if (into.full()) {
                into.skip(SkillSource.WORKSPACE, path, "the conversation has as many skills as it may have"
                        + " (gantry.worker.skills.max-skills)");
                return;
            }
            String name = path.substring(base.length() + 1, path.length() - ".md".length());
            Optional<String> text = text(path);
            if (text.isPresent()) {
                try {
                    into.add(SkillSource.WORKSPACE, path, SkillFile.parse(name, text.get()), whole(path));
                } catch (SkillFormatException e) {
                    into.skip(SkillSource.WORKSPACE, path, e.getMessage());
                }
            }
        }
        for (FileEntry entry : entries) {
            if (entry.type().equals("directory") && depth < MAX_DEPTH) {
                directory(base, directory + "/" + entry.name(), depth + 1);
            }
        }
    }

    /** The file's text, or empty with the reason recorded. */
    private Optional<String> text(String path) throws InterruptedException {
        try {
            RuntimeClient.FileStart start = runtime.download(path, maxBytes);
            return Optional.of(SkillFile.decode(start.bytes(), start.complete()));
        } catch (SkillFormatException e) {
            into.skip(SkillSource.WORKSPACE, path, e.getMessage());
        } catch (RuntimeProblemException e) {
            into.skip(SkillSource.WORKSPACE, path, "it could not be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    private String whole(String path) {
        return workspace + "/" + path;
    }

    private static boolean readable(FileEntry entry) {
        return entry.type().equals("file") || entry.type().equals("symlink");
    }

    private static List<FileEntry> sorted(DirectoryListing listing) {
        return listing.entries().stream().sorted(Comparator.comparing(FileEntry::name)).toList();
    }
}
