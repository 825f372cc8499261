package dev.gantry.cli.chat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a line typed in {@code gantry chat} asks for: a message, a {@code /command}, or an answer to a confirmation. */
public sealed interface UserInput {

    /** Text for the agent. */
    record Message(String text) implements UserInput {
    }

    /** A {@code /command}. */
    record Command(Kind kind) implements UserInput {
    }

    /** y or n to the action(s) waiting for confirmation; {@code reason} only with a refusal, null when none given. */
    record Answer(boolean accept, String reason) implements UserInput {
    }

    /** A line that means nothing here, and why. */
    record Invalid(String reason) implements UserInput {
    }

    /** An empty line. */
    record Blank() implements UserInput {
    }

    /** The commands, by the name typed after {@code /}. */
    enum Kind {
        PAUSE("pause the agent after its current step"),
        RESUME("let a paused agent go on"),
        STOP("stop the agent (the conversation stays: a new message starts it again)"),
        STATUS("the conversation's status, tokens and cost"),
        QUIT("leave the chat; the conversation goes on (Ctrl-D and Ctrl-C too)"),
        HELP("this list");

        final String help;

        Kind(String help) {
            this.help = help;
        }

        String typed() {
            return "/" + name().toLowerCase(Locale.ROOT);
        }
    }

    Pattern REFUSAL = Pattern.compile("(?i)(?:n|no)(?:[\\s,:;.-]+(.*))?");

    /**
     * Reads one typed line. While an answer is awaited, {@code y}/{@code yes} allows and {@code n}/{@code no}
     * refuses (what follows {@code n} is the reason); commands still work; anything else is refused so that no
     * message is taken for an answer or an answer for a message. {@code //text} sends {@code /text}.
     */
    static UserInput parse(String line, boolean awaitingAnswer) {
        String text = line.strip();
        if (text.isEmpty()) {
            return new Blank();
        }
        if (text.startsWith("//")) {
            return new Message(text.substring(1));
        }
        if (text.startsWith("/")) {
            String[] words = text.substring(1).split("\\s+", 2);
            for (Kind kind : Kind.values()) {
                if (kind.name().equalsIgnoreCase(words[0])) {
                    return words.length == 1 ? new Command(kind)
                            : new Invalid(kind.typed() + " takes nothing after it");
                }
            }
            return new Invalid("no command /" + words[0] + ": /help lists them (//text sends a message starting with /)");
        }
        if (!awaitingAnswer) {
            return new Message(text);
        }
        if (text.equalsIgnoreCase("y") || text.equalsIgnoreCase("yes")) {
            return new Answer(true, null);
        }
        Matcher refusal = REFUSAL.matcher(text);
        if (refusal.matches()) {
            String reason = refusal.group(1) == null || refusal.group(1).isBlank() ? null : refusal.group(1).strip();
            return new Answer(false, reason);
        }
        return new Invalid("the agent waits for an answer: y lets it act, n refuses (n <reason> tells it why);"
                + " /stop stops it");
    }

    /** The commands and the answers, as {@code /help} prints them. */
    static String help() {
        StringBuilder help = new StringBuilder("type a message for the agent, or a command:\n");
        for (Kind kind : Kind.values()) {
            help.append(String.format("  %-9s %s%n", kind.typed(), kind.help));
        }
        return help.append("  //text    send a message that starts with /\n")
                .append("when the agent asks before acting: y lets it act, n [reason] refuses").toString();
    }
}
