package org.eto4j.examples.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of one invocation by name, as text: picocli ({@link CommandLineModel}) has parsed the command line;
 * the values are read, and refused naming their option, here.
 */
final class Arguments {
    /** Thrown for a malformed command line; the CLI prints the message and exits with status 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final String command;
    private final Map<String, String> values = new HashMap<>();

    private Arguments(String command) {
        this.command = command;
    }

    /**
     * The options picocli matched for one sub-command, as the text given ({@code "true"} for a flag), together with
     * those given before the sub-command ({@code --lang}).
     */
    static Arguments of(String command, List<CommandLine.ParseResult> results) {
        Arguments parsed = new Arguments(command);
        for (CommandLine.ParseResult result : results) {
            for (OptionSpec option : result.matchedOptions()) {
                String name = option.longestName().substring(2);
                String value = option.arity().max() == 0 ? "true" : option.originalStringValues().get(0);
                if (parsed.values.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            }
        }
        return parsed;
    }

    String command() {
        return command;
    }

    /** The names of the options given, without their dashes. */
    Set<String> names() {
        return Set.copyOf(values.keySet());
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    double requiredNumber(String name) {
        return number(name).orElseThrow(() -> new UsageException("option --" + name + " is required"));
    }

    Optional<Double> number(String name) {
        String text = values.get(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException(text);
            }
            return Optional.of(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a number, got '" + text + "'");
        }
    }
}
