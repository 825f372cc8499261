package dev.gantry.worker.skills;

import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The installation's skills: the Markdown files of one directory on the worker (the chart mounts a ConfigMap there),
 * in OpenHands' format, for every conversation. Hidden entries (a ConfigMap's {@code ..data} links) and README.md
 * are not skills.
 */
final class InstallationSkills {

    private InstallationSkills() {
    }

    static void read(Path directory, SkillCollector into, SkillsConfig config) {
        if (!Files.isDirectory(directory)) {
            into.skip(SkillSource.INSTALLATION, null, "the directory " + directory
                    + " (gantry.worker.skills.directory) does not exist");
            return;
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(InstallationSkills::isSkillFile).sorted().toList();
        } catch (IOException e) {
            into.skip(SkillSource.INSTALLATION, null, "the directory " + directory + " could not be listed: " + e);
            return;
        }
        int maxBytes = config.maxSkillChars() * 3 + 64 * 1024;
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (into.full()) {
                into.skip(SkillSource.INSTALLATION, fileName, "the conversation has as many skills as it may have"
                        + " (gantry.worker.skills.max-skills)");
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                boolean complete = bytes.length <= maxBytes;
                String text = SkillFile.decode(complete ? bytes : java.util.Arrays.copyOf(bytes, maxBytes), complete);
                String name = fileName.substring(0, fileName.length() - ".md".length());
                into.add(SkillSource.INSTALLATION, fileName, SkillFile.parse(name, text), null);
            } catch (SkillFormatException e) {
                into.skip(SkillSource.INSTALLATION, fileName, e.getMessage());
            } catch (IOException e) {
                into.skip(SkillSource.INSTALLATION, fileName, "it could not be read: " + e);
            }
        }
    }

    private static boolean isSkillFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".md") && !name.startsWith(".") && !name.equals("README.md") && Files.isRegularFile(path);
    }
}
