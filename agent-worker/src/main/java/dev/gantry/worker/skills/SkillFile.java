package dev.gantry.worker.skills;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A skill file in OpenHands' format: Markdown, optionally opened by YAML front matter between two {@code ---} lines.
 * The front matter's {@code name} replaces the name the file's path gives; {@code triggers} (a list) makes the skill
 * added only when a user message contains one of them, else it is always on; {@code inputs} (a task skill) adds the
 * trigger {@code /<name>}. Other fields ({@code type}, {@code version}, {@code agent}, ...) are read and ignored, as
 * OpenHands ignores them. Path rules ({@code paths}) are refused: nothing here would ever inject them.
 */
public final class SkillFile {

    /** What a skill file says. */
    public record Parsed(String name, List<String> triggers, String content) {
    }

    /** Front matter opens with a line of three or more dashes, at the very start of the file. */
    private static final Pattern BOUNDARY = Pattern.compile("^-{3,}[ \\t]*$", Pattern.MULTILINE);
    private static final int MAX_FRONT_MATTER_CHARS = 64 * 1024;

    private SkillFile() {
    }

    /**
     * Reads a skill file.
     *
     * @param defaultName the name its path gives (the file name without {@code .md}, relative to its directory)
     * @throws SkillFormatException when the front matter is not YAML, not a mapping, or a field has the wrong shape
     */
    public static Parsed parse(String defaultName, String text) throws SkillFormatException {
        String body = withoutByteOrderMark(text);
        Matcher opening = BOUNDARY.matcher(body);
        if (!opening.lookingAt()) {
            return new Parsed(defaultName, List.of(), body.strip());
        }
        Matcher closing = BOUNDARY.matcher(body);
        if (!closing.find(opening.end())) {
            throw new SkillFormatException("its front matter has no closing '---' line");
        }
        String yaml = body.substring(opening.end(), closing.start());
        Map<?, ?> fields = frontMatter(yaml);
        String content = body.substring(closing.end()).strip();
        String name = name(fields, defaultName);
        if (fields.containsKey("paths")) {
            throw new SkillFormatException("it is a path rule ('paths'), which Gantry does not apply: give it"
                    + " 'triggers' or none");
        }
        List<String> triggers = triggers(fields);
        if (fields.containsKey("inputs")) {
            if (!(fields.get("inputs") instanceof List)) {
                throw new SkillFormatException("'inputs' must be a list");
            }
            // a task skill is asked for by its name, as in OpenHands
            String command = "/" + name;
            if (!triggers.contains(command)) {
                triggers.add(command);
            }
        }
        return new Parsed(name, List.copyOf(triggers), content);
    }

    /**
     * Text read from a file, strictly as UTF-8; when only its first bytes were read ({@code complete} false), a
     * character cut at the end is dropped.
     *
     * @throws SkillFormatException when the bytes are not UTF-8 text
     */
    public static String decode(byte[] bytes, boolean complete) throws SkillFormatException {
        int length = complete ? bytes.length : withoutCutCharacter(bytes);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            if (text.indexOf('\u0000') >= 0) {
                throw new SkillFormatException("it is not a text file (it holds NUL characters)");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new SkillFormatException("it is not UTF-8 text");
        }
    }

    private static Map<?, ?> frontMatter(String yaml) throws SkillFormatException {
        if (yaml.length() > MAX_FRONT_MATTER_CHARS) {
            throw new SkillFormatException("its front matter is longer than " + MAX_FRONT_MATTER_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_FRONT_MATTER_CHARS);
        options.setNestingDepthLimit(20);
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            throw new SkillFormatException("its front matter is not valid YAML: " + e.getProblem() + where(e.getProblemMark()));
        } catch (YAMLException e) {
            throw new SkillFormatException("its front matter is not valid YAML: " + e.getMessage());
        }
        if (loaded == null) {
            return Map.of();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new SkillFormatException("its front matter must be YAML fields (name: ..., triggers: [...]), not "
                    + describe(loaded));
        }
        return map;
    }

    private static String name(Map<?, ?> fields, String defaultName) throws SkillFormatException {
        Object name = fields.get("name");
        if (name == null) {
            return defaultName;
        }
        if (name instanceof Map || name instanceof List || String.valueOf(name).isBlank()) {
            throw new SkillFormatException("'name' must be a word or phrase, not " + describe(name));
        }
        return String.valueOf(name).strip();
    }

    private static List<String> triggers(Map<?, ?> fields) throws SkillFormatException {
        Object value = fields.get("triggers");
        List<String> triggers = new ArrayList<>();
        if (value == null) {
            return triggers;
        }
        if (!(value instanceof List<?> list)) {
            throw new SkillFormatException("'triggers' must be a list of strings (triggers: [word, another]), not "
                    + describe(value));
        }
        for (int i = 0; i < list.size(); i++) {
            Object trigger = list.get(i);
            if (!(trigger instanceof String word) || word.isBlank()) {
                throw new SkillFormatException("'triggers' must be a list of strings; item " + (i + 1) + " is "
                        + describe(trigger));
            }
            if (!triggers.contains(word.strip())) {
                triggers.add(word.strip());
            }
        }
        return triggers;
    }

    private static String where(Mark mark) {
        // the front matter's text starts with the end of the file's first line, the opening '---'
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "empty";
            case String text when text.isBlank() -> "blank";
            case String text -> "the text '" + text + "'";
            case Map<?, ?> map -> "a mapping";
            case List<?> list -> "a list";
            default -> "the value " + value;
        };
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The length without a last character whose bytes were cut. */
    private static int withoutCutCharacter(byte[] bytes) {
        int end = bytes.length;
        for (int back = 1; back <= Math.min(3, bytes.length); back++) {
            int b = bytes[end - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? end - back : end;
        }
        return end;
    }
}
