package org.eto4j.examples.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code --name value}, {@code --name=value} and bare {@code --flag} options after a sub-command.
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
     * Parses {@code args}: the first is the sub-command; {@code valued} names the options that take a value,
     * {@code flags} those that do not.
     */
    static Arguments parse(List<String> args, Set<String> valued, Set<String> flags) {
        if (args.isEmpty()) {
            throw new UsageException("missing sub-command");
        }
        Arguments parsed = new Arguments(args.get(0));
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                parsed.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (parsed.values.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else {
                throw new UsageException("unknown option --" + name + " for '" + parsed.command + "'");
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
