package org.eto4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.ResourceBundle;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line of eto-cli as a picocli model: its sub-commands, the options each accepts, and the help in the
 * chosen language. Options are declared once in {@link #OPTIONS}, with the sub-commands they apply to; their values
 * stay text here, so that {@link Command} checks them (and names the option) exactly as it did for every value.
 */
final class CommandLineModel {
    /** The program's name in help and error lines. */
    static final String NAME = "eto-cli";
    /** The help texts: {@code Help.properties} (English) and {@code Help_pt_BR.properties}, UTF-8. */
    static final String BUNDLE = "org.eto4j.examples.cli.Help";
    /** The sub-commands, in the order of the help. */
    static final List<String> COMMANDS = List.of("daily", "monthly", "hourly", "fetch", "fuse", "calibrate");
    /** Columns of the help: 100 fit a default terminal with room; 32 keep the longest option on its line. */
    private static final int WIDTH = 100;
    private static final int OPTION_COLUMN = 32;

    private static final List<String> STEPS = List.of("daily", "monthly", "hourly");
    private static final List<String> DAILY = List.of("daily");

    /** One option: its name without dashes, the label of its value (null for a flag), where it applies. */
    record Option(String name, String label, List<String> commands) {
        boolean flag() {
            return label == null;
        }
    }

    /** Every option of every sub-command, in the order of the help. */
    static final List<Option> OPTIONS = List.of(
            new Option("latitude", "DEG", List.of("daily", "monthly", "hourly", "fetch", "fuse")),
            new Option("longitude", "DEG", List.of("daily", "monthly", "hourly", "fetch", "fuse")),
            new Option("elevation", "M", List.of("daily", "monthly", "hourly", "fuse")),
            new Option("wind-height", "M", STEPS),
            new Option("input", "FILE|-", STEPS),
            new Option("output", "FILE|-", COMMANDS),
            new Option("decimals", "N", List.of("daily", "monthly", "hourly", "fuse")),
            new Option("lenient", null, STEPS),
            new Option("lang", "en|pt-BR", COMMANDS),
            new Option("progress", null, List.of("daily", "monthly", "hourly", "fetch")),
            new Option("no-progress", null, List.of("daily", "monthly", "hourly", "fetch")),
            new Option("method", "NAME", STEPS),
            new Option("profile", "asce|ref-et", List.of("daily", "hourly")),
            new Option("krs", "interior|coastal|X", STEPS),
            new Option("arid-tmin-offset", "C", STEPS),
            new Option("rs-rso-bound", "fao56|asce", STEPS),
            new Option("time-stamp", "start|end", List.of("hourly")),
            new Option("standard-meridian", "DEG", List.of("hourly")),
            new Option("night-rs-rso", "carry-forward|X", List.of("hourly")),
            new Option("tmean", "extremes|measured", DAILY),
            new Option("oudin", "fao56|airgr", DAILY),
            new Option("day-length", "mid-month|month-mean", List.of("monthly")),
            new Option("source", "S", List.of("daily", "fetch")),
            new Option("start", "YYYY-MM-DD", List.of("daily", "fetch")),
            new Option("end", "YYYY-MM-DD", List.of("daily", "fetch")),
            new Option("base-url", "URL", List.of("daily", "fetch")),
            new Option("nasa-power", "FILE", List.of("fuse")),
            new Option("open-meteo", "FILE", List.of("fuse")),
            new Option("calibration", "NAME|FILE", List.of("daily", "fuse")),
            new Option("stations", "FILE", List.of("calibrate")),
            new Option("from", "YYYY-MM-DD", List.of("calibrate")),
            new Option("until", "YYYY-MM-DD", List.of("calibrate")),
            new Option("name", "NAME", List.of("calibrate")));

    private CommandLineModel() {
    }

    /**
     * The command line with its help in {@code locale} (en or pt-BR, as eto-i18n negotiated it); help and version
     * go to {@code out}.
     */
    static CommandLine create(Locale locale, PrintWriter out, PrintWriter err) {
        ResourceBundle bundle = bundle(locale);
        CommandSpec top = CommandSpec.create().name(NAME).mixinStandardHelpOptions(true)
                .versionProvider(CommandLineModel::version);
        top.addOption(option(find("lang"), bundle));
        for (String command : COMMANDS) {
            CommandSpec sub = CommandSpec.create().name(command).mixinStandardHelpOptions(true)
                    .versionProvider(CommandLineModel::version);
            // The bundle's synopsis shows each command's usual forms: a step has some twenty options.
            sub.usageMessage().sortOptions(false);
            for (Option option : OPTIONS) {
                if (option.commands().contains(command)) {
                    sub.addOption(option(option, bundle));
                }
            }
            top.addSubcommand(command, sub);
        }
        top.addSubcommand("help", new CommandLine(new CommandLine.HelpCommand()));
        CommandLine line = new CommandLine(top);
        line.setResourceBundle(bundle);
        line.setUsageHelpWidth(WIDTH);
        line.setUsageHelpLongOptionsMaxWidth(OPTION_COLUMN);
        line.setOut(out);
        line.setErr(err);
        return line;
    }

    /**
     * The help bundle of {@code locale}, without falling back to the system's language: {@code --lang en} on a
     * Portuguese system must show English.
     */
    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The picocli option; its value's label is translated by the bundle's {@code label.<label>} when it has one. */
    private static OptionSpec option(Option option, ResourceBundle bundle) {
        OptionSpec.Builder b = OptionSpec.builder("--" + option.name()).descriptionKey(option.name());
        if (option.flag()) {
            b.type(boolean.class).arity("0");
        } else {
            String key = "label." + option.label();
            b.type(String.class).arity("1")
                    .paramLabel(bundle.containsKey(key) ? bundle.getString(key) : option.label());
        }
        return b.build();
    }

    /** The option named {@code name} (without dashes), if eto-cli has one. */
    static Optional<Option> option(String name) {
        return OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    private static Option find(String name) {
        return option(name).orElseThrow();
    }

    /**
     * The line of {@code --version}: the project version the build wrote into {@code version.properties} (the jar
     * and the test classpath alike).
     */
    static String[] version() {
        Properties p = new Properties();
        try (InputStream in = CommandLineModel.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {NAME + " " + p.getProperty("version", "unknown")};
    }
}
