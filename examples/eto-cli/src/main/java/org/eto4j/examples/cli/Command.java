package org.eto4j.examples.cli;

import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eto4j.core.AsceEwri;
import org.eto4j.core.AsceProfile;
import org.eto4j.core.CsvReader;
import org.eto4j.core.DailyMethod;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.MethodChooser;
import org.eto4j.core.NightRsRso;
import org.eto4j.core.Oudin;
import org.eto4j.core.ReferenceCrop;
import org.eto4j.core.RsRsoBound;
import org.eto4j.core.StandardTime;
import org.eto4j.core.Station;
import org.eto4j.core.Thornthwaite;
import org.eto4j.core.TimeStampConvention;
import org.eto4j.core.ValidationMode;
import org.eto4j.core.WeatherTable;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionErrorCode;
import org.eto4j.fusion.FusionException;
import org.eto4j.i18n.CsvDialect;
import org.eto4j.i18n.Messages;
import org.eto4j.i18n.Problem;
import org.eto4j.sources.FetchObserver;
import org.eto4j.sources.SourceErrorCode;
import org.eto4j.sources.SourceException;
import org.eto4j.sources.TmeanRule;

/** One parsed invocation: the step, the station, the calculator's conventions, and where data comes and goes. */
final class Command {
    /** Methods each step accepts with --method (the first is the default). */
    static final List<String> DAILY_METHODS = List.of("fao56", "asce-short", "asce-tall", "hargreaves-samani",
            "priestley-taylor", "makkink", "turc", "oudin", "blaney-criddle", "jensen-haise", "abtew", "hamon",
            "linacre", "romanenko", "auto");
    static final List<String> MONTHLY_METHODS = List.of("fao56", "thornthwaite", "auto");
    /** Values of --oudin (the first is the default): eto-core's {@link Oudin#standard()} and {@link Oudin#airGR()}. */
    static final List<String> OUDIN_VARIANTS = List.of("fao56", "airgr");
    /** Values of --day-length (the first is the default), eto-core's {@link Thornthwaite.DayLength}. */
    static final List<String> DAY_LENGTHS = List.of("mid-month", "month-mean");
    static final List<String> HOURLY_METHODS = List.of("fao56", "asce-short", "asce-tall", "auto");
    /** Values of --tmean (the first is the default, FAO-56's): eto-sources' {@link TmeanRule} tokens. */
    static final List<String> TMEAN_RULES = List.of(TmeanRule.DEFAULT.token(),
            TmeanRule.MEASURED_WHEN_GIVEN.token());
    /**
     * Options of {@code daily --source fused}. Each command's options are {@link CommandLineModel#OPTIONS}; this
     * mode of {@code daily} takes only these, and any other is refused rather than ignored.
     */
    static final Set<String> FUSED_DAILY_OPTIONS = Set.of("source", "latitude", "longitude", "elevation", "start",
            "end", "base-url", "calibration", "output", "decimals", "lang", "progress", "no-progress");
    /** Default decimals of the {@code eto} column: eto4j's {@link CsvDialect#DEFAULT_DECIMALS} (0.0001 mm). */
    static final int DEFAULT_DECIMALS = CsvDialect.DEFAULT_DECIMALS;

    private final Arguments args;
    private final WeatherTable.Step step;
    private final Messages messages = Messages.bundled();
    private final Locale locale;

    private final String method;
    private final AsceProfile profile;

    private Command(Arguments args, WeatherTable.Step step) {
        this.args = args;
        this.step = step;
        this.locale = messages.negotiate(args.string("lang", Locale.getDefault().toLanguageTag()));
        this.method = args.string("method", "fao56").toLowerCase(Locale.ROOT);
        // fetch computes nothing: only FAO-56's default applies to it.
        List<String> accepted = step == null ? List.of("fao56") : switch (step) {
            case DAILY -> DAILY_METHODS;
            case MONTHLY -> MONTHLY_METHODS;
            case HOURLY -> HOURLY_METHODS;
        };
        if (!accepted.contains(method)) {
            throw new Arguments.UsageException("option --method for '" + args.command() + "' must be one of "
                    + String.join(", ", accepted) + ", got '" + method + "'");
        }
        this.profile = switch (args.string("profile", "asce").toLowerCase(Locale.ROOT)) {
            case "asce" -> AsceProfile.ASCE;
            case "ref-et" -> AsceProfile.REF_ET;
            default -> throw new Arguments.UsageException("option --profile must be asce or ref-et");
        };
        if (args.string("profile").isPresent() && !method.startsWith("asce-")) {
            throw new Arguments.UsageException("option --profile applies only to --method asce-short or asce-tall");
        }
        // Which command takes which option is CommandLineModel's table; what is checked here depends on values.
        if (args.string("oudin").isPresent()
                && !(step == WeatherTable.Step.DAILY && (method.equals("oudin") || method.equals("auto")))) {
            throw new Arguments.UsageException("option --oudin applies only to daily --method oudin or auto");
        }
        if (step == WeatherTable.Step.DAILY && args.string("calibration").isPresent()
                && args.string("source").filter("fused"::equals).isEmpty()) {
            throw new Arguments.UsageException("option --calibration applies only to fuse and daily --source fused");
        }
        if (args.string("day-length").isPresent()
                && !(step == WeatherTable.Step.MONTHLY && (method.equals("thornthwaite") || method.equals("auto")))) {
            throw new Arguments.UsageException(
                    "option --day-length applies only to monthly --method thornthwaite or auto");
        }
    }

    /**
     * Oudin's method under --oudin: FAO-56's Ra (eq. 21) and λ = 2.45 MJ/kg (fao56, default) or the authors'
     * airGR conventions, Morton's Ra and latent heat (airgr).
     *
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} for another value
     */
    private Oudin oudin() {
        String value = args.string("oudin", OUDIN_VARIANTS.get(0)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "fao56" -> Oudin.standard();
            case "airgr" -> Oudin.airGR();
            default -> throw invalidOption("oudin", OUDIN_VARIANTS);
        };
    }

    /**
     * Thornthwaite's method under --day-length: L on the 15th of the month (mid-month, default) or the mean
     * over the month's days (month-mean, as PyETo).
     *
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} for another value
     */
    private Thornthwaite thornthwaite() {
        String value = args.string("day-length", DAY_LENGTHS.get(0)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "mid-month" -> Thornthwaite.standard();
            case "month-mean" -> Thornthwaite.standard().withDayLength(Thornthwaite.DayLength.MONTH_MEAN);
            default -> throw invalidOption("day-length", DAY_LENGTHS);
        };
    }

    /**
     * The daily mean temperature under --tmean: (Tmax + Tmin)/2 whenever both are given (extremes, default,
     * FAO-56's standardisation) or a measured mean (tmean, T2M, a source's mean) when the day has one
     * (measured). The same option as eto-sources' {@code PointEto.Builder.tmean} and the web app's.
     *
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} for another value
     */
    private TmeanRule tmean() {
        return TmeanRule.fromToken(args.string("tmean", TmeanRule.DEFAULT.token()))
                .orElseThrow(() -> invalidOption("tmean", TMEAN_RULES));
    }

    /** eto-core's coded error for a value an option does not accept; the field is the option's name. */
    private EtoException invalidOption(String option, List<String> accepted) {
        return new EtoException(ErrorCode.INVALID_OPTION, "--" + option, -1, "--" + option,
                args.string(option).orElse(""), String.join(", ", accepted));
    }

    /** The ASCE-EWRI calculator for --method asce-short|asce-tall, else null. */
    private AsceEwri asce() {
        if (!method.startsWith("asce-")) {
            return null;
        }
        return AsceEwri.builder().profile(profile)
                .validation(lenient() ? ValidationMode.LENIENT : ValidationMode.STRICT)
                .crop(method.equals("asce-tall") ? ReferenceCrop.TALL : ReferenceCrop.SHORT)
                .kRs(krs()).aridTminOffsetCelsius(args.number("arid-tmin-offset").orElse(0.0))
                .timeStampConvention(timeStamp()).build();
    }

    /** --time-stamp start|end: whether an hourly stamp marks the start (default) or the end of its hour. */
    private TimeStampConvention timeStamp() {
        String value = args.string("time-stamp", "start").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "start" -> TimeStampConvention.PERIOD_START;
            case "end" -> TimeStampConvention.PERIOD_END;
            default -> throw invalidOption("time-stamp", List.of("start", "end"));
        };
    }

    /**
     * --standard-meridian DEG: the datetime column is a clock time without offset on this meridian (degrees
     * west, standard time all year, as Ref-ET's data files); null when absent (stamps carry their offset).
     *
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} outside −180–180
     */
    private ZoneOffset standardTime() {
        if (args.string("standard-meridian").isEmpty()) {
            return null;
        }
        try {
            return StandardTime.offsetOfMeridian(args.requiredNumber("standard-meridian"));
        } catch (EtoException e) {
            throw invalidOption("standard-meridian", List.of("-180..180"));
        }
    }

    /** The row-by-row daily method, or null for FAO-56's batch path. */
    private DailyEstimator dailyEstimator(Fao56 fao56, AsceEwri asce) {
        return switch (method) {
            case "fao56" -> null;
            case "asce-short", "asce-tall" -> DailyEstimator.of(asce);
            case "oudin" -> DailyEstimator.of(oudin());
            case "auto" -> DailyEstimator.of(MethodChooser.builder().fao56(fao56)
                    .meanTemperatureMethod(oudin()).build());
            default -> DailyEstimator.of(DailyMethod.byId(method));
        };
    }

    private double krs() {
        return args.string("krs").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "interior" -> 0.16;
            case "coastal" -> 0.19;
            default -> args.requiredNumber("krs");
        }).orElse(0.16);
    }

    /** The invocation of {@code args.command()}, one of {@link CommandLineModel#COMMANDS}. */
    static Command of(Arguments args) {
        WeatherTable.Step step = switch (args.command()) {
            case "daily" -> WeatherTable.Step.DAILY;
            case "monthly" -> WeatherTable.Step.MONTHLY;
            case "hourly" -> WeatherTable.Step.HOURLY;
            case "fetch", "fuse", "calibrate" -> null;
            default -> throw new Arguments.UsageException("unknown sub-command '" + args.command() + "'");
        };
        return new Command(args, step);
    }

    int run(Main.Streams streams) {
        int decimals = args.number("decimals").map(Double::intValue).orElse(DEFAULT_DECIMALS);
        if (decimals < 0 || decimals > 9) {
            throw new Arguments.UsageException("option --decimals must be 0 to 9");
        }
        if (args.command().equals("fuse") || args.command().equals("calibrate")
                || (step == WeatherTable.Step.DAILY && args.string("source").filter("fused"::equals).isPresent())) {
            return fusion(streams, decimals);
        }
        if (step == null || (step == WeatherTable.Step.DAILY && args.string("source").isPresent())) {
            return fetch(streams, decimals);
        }
        Station station;
        Fao56 fao56;
        AsceEwri asce;
        DailyEstimator estimator;
        Thornthwaite thornthwaite;
        ZoneOffset standardTime;
        TmeanRule tmean;
        try {
            station = station();
            fao56 = calculator();
            asce = asce();
            standardTime = standardTime();
            estimator = step == WeatherTable.Step.DAILY ? dailyEstimator(fao56, asce) : null;
            thornthwaite = step == WeatherTable.Step.MONTHLY && !method.equals("fao56") ? thornthwaite() : null;
            tmean = tmean();
        } catch (EtoException e) {
            streams.err().println("eto-cli: " + describe(e));
            return Main.USAGE;
        }
        String input = args.string("input", "-");
        String output = args.string("output", "-");
        long totalBytes = input.equals("-") ? -1 : size(Path.of(input));
        boolean showProgress = Terminal.showProgress(args, streams.terminal());
        ProgressBar bar = new ProgressBar(streams.err(), showProgress, totalBytes);
        CountingInputStream counted = new CountingInputStream(open(input, streams.in()));
        try (CsvReader csv = CsvReader.of(new InputStreamReader(counted, StandardCharsets.UTF_8));
             Writer out = output.equals("-")
                     ? new BufferedWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), 1 << 16)
                     : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            PrintStream stdout = output.equals("-") ? streams.out() : null;
            Sink sink = new Sink(out, stdout, streams.err(), this, bar, counted);
            long rows = switch (step) {
                case DAILY -> new DailyRun(fao56, estimator, method.equals("auto"), station, decimals, tmean)
                        .run(csv, sink);
                case MONTHLY -> new MonthlyRun(fao56, thornthwaite, method.equals("auto"), station, decimals)
                        .run(csv, sink);
                case HOURLY -> new HourlyRun(fao56, asce, method.equals("auto"), station, decimals)
                        .withStandardTime(standardTime).run(csv, sink);
            };
            out.flush();
            if (stdout != null) {
                StandardOutput.check(stdout, sink.rows());
            }
            bar.finish(counted.count(), rows);
            return sink.invalidRows() > 0 && !lenient() ? Main.INVALID_INPUT : Main.OK;
        } catch (EtoException e) {
            streams.err().println("eto-cli: " + describe(e));
            return Main.INVALID_INPUT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code fetch}, or {@code daily --source}: weather (and ETo) for a point from a web service. */
    private int fetch(Main.Streams streams, int decimals) {
        boolean showProgress = Terminal.showProgress(args, streams.terminal());
        try {
            Fao56 fao56 = Fao56.builder().validation(ValidationMode.LENIENT).build();
            new FetchRun(args).run(step != null, fao56, tmean(), decimals, streams, showProgress);
            return Main.OK;
        } catch (SourceException e) {
            streams.err().println("eto-cli: " + messages.format(locale, e.messageKey(), e.args()));
            return e.code() == SourceErrorCode.INVALID_REQUEST ? Main.USAGE : Main.SERVICE_FAILURE;
        } catch (EtoException e) {
            streams.err().println("eto-cli: " + describe(e));
            return Main.USAGE;
        }
    }

    /**
     * {@code fuse} and {@code calibrate}: eto-fusion on files. Errors are eto-fusion's coded ones (or eto-core's for
     * a malformed file, prefixed with the file's path), localised through the bundles like every error of the CLI.
     */
    private int fusion(Main.Streams streams, int decimals) {
        boolean fuse = args.command().equals("fuse");
        boolean point = args.command().equals("daily");
        if (point) {
            for (String option : args.names()) {
                if (!FUSED_DAILY_OPTIONS.contains(option)) {
                    throw new Arguments.UsageException("option --" + option
                            + " does not apply to 'daily --source fused'");
                }
            }
        }
        Station station = null;
        String output = args.string("output", "-");
        if (point) {
            // Checked here so that a bad option is a usage error before any download.
            requiredString("start");
            requiredString("end");
            args.requiredNumber("latitude");
            args.requiredNumber("longitude");
        } else if (fuse) {
            try {
                station = Station.of(args.requiredNumber("latitude"), args.requiredNumber("longitude"),
                        args.requiredNumber("elevation"));
            } catch (EtoException e) {
                streams.err().println("eto-cli: " + describe(e));
                return Main.USAGE;
            }
        } else if (output.equals("-")) {
            throw new Arguments.UsageException("option --output is required for calibrate");
        }
        try {
            String text;
            if (point) {
                FusionCalibration calibration = FuseRun.calibration(
                        args.string("calibration", FusionCalibration.MATOPIBA));
                boolean showProgress = Terminal.showProgress(args, streams.terminal());
                text = FuseRun.point(args, calibration, decimals, streams.err(), messages, locale,
                        showProgress ? new FetchRun.ChunkProgress(streams.err()) : FetchObserver.NONE);
            } else if (fuse) {
                FusionCalibration calibration = FuseRun.calibration(
                        args.string("calibration", FusionCalibration.MATOPIBA));
                text = FuseRun.run(station, Path.of(requiredString("nasa-power")),
                        Path.of(requiredString("open-meteo")), calibration, decimals);
            } else {
                String name = args.string("name").orElseGet(() -> {
                    String file = Path.of(output).getFileName().toString();
                    return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
                });
                FusionCalibration calibration = CalibrateRun.run(Path.of(requiredString("stations")), name,
                        date("from"), date("until"));
                text = calibration.toJson();
                streams.err().println("eto-cli: " + calibration.name() + ": "
                        + calibration.provenance().stations().size() + " station(s), region "
                        + calibration.domain());
            }
            if (output.equals("-")) {
                Writer w = new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8);
                w.append(text).flush();
                StandardOutput.check(streams.out(), text.lines().count());
            } else {
                Files.writeString(Path.of(output), text, StandardCharsets.UTF_8);
            }
            return Main.OK;
        } catch (SourceCsv.FileException e) {
            String where = e.file() + ": ";
            if (e.getCause() instanceof FusionException f) {
                streams.err().println("eto-cli: " + where + describe(f));
            } else {
                streams.err().println("eto-cli: " + where + describe((EtoException) e.getCause()));
            }
            return Main.INVALID_INPUT;
        } catch (SourceException e) {
            streams.err().println("eto-cli: " + messages.format(locale, e.messageKey(), e.args()));
            return e.code() == SourceErrorCode.INVALID_REQUEST ? Main.USAGE : Main.SERVICE_FAILURE;
        } catch (FusionException e) {
            streams.err().println("eto-cli: " + describe(e));
            return e.code() == FusionErrorCode.INVALID_OPTION || e.code() == FusionErrorCode.UNKNOWN_CALIBRATION
                    ? Main.USAGE : Main.INVALID_INPUT;
        } catch (EtoException e) {
            streams.err().println("eto-cli: " + describe(e));
            return Main.INVALID_INPUT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line for an eto-fusion error, in the chosen language, with its stable code. */
    String describe(FusionException e) {
        return messages.format(locale, e.messageKey(), e.args()) + " (" + e.code().code() + ")";
    }

    private String requiredString(String option) {
        return args.string(option)
                .orElseThrow(() -> new Arguments.UsageException("option --" + option + " is required"));
    }

    /** An optional date option, or null. */
    private LocalDate date(String option) {
        String text = args.string(option).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Arguments.UsageException("option --" + option + " needs a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    boolean lenient() {
        return args.flag("lenient");
    }

    /** One line naming the row, the column and the problem, in the chosen language. */
    String describe(EtoException e) {
        // An option is not a column: its name is in the message itself.
        String field = e.code() == ErrorCode.INVALID_OPTION ? null : e.field().orElse(null);
        return messages.describe(locale, Problem.of(e.messageKey(), e.args())
                .withField(field)
                .withRow(e.row().orElse(-1)));
    }

    private Station station() {
        double latitude = args.requiredNumber("latitude");
        double elevation = args.requiredNumber("elevation");
        Station station = Station.of(latitude, elevation);
        if (args.number("longitude").isPresent()) {
            station = station.withLongitudeDegrees(args.number("longitude").get());
        } else if (step == WeatherTable.Step.HOURLY) {
            throw new Arguments.UsageException("option --longitude is required for hourly steps");
        }
        if (args.number("wind-height").isPresent()) {
            station = station.withWindHeightMetres(args.number("wind-height").get());
        }
        return station;
    }

    private Fao56 calculator() {
        Fao56.Builder b = Fao56.builder()
                .validation(lenient() ? ValidationMode.LENIENT : ValidationMode.STRICT)
                .timeStampConvention(timeStamp());
        if (args.string("krs").isPresent()) {
            b.kRs(krs());
        }
        args.number("arid-tmin-offset").ifPresent(b::aridTminOffsetCelsius);
        args.string("rs-rso-bound").ifPresent(v -> b.rsRsoBound(switch (v.toLowerCase(Locale.ROOT)) {
            case "fao56" -> RsRsoBound.AT_MOST_ONE;
            case "asce" -> RsRsoBound.CLIP_0_3_TO_1;
            default -> throw new Arguments.UsageException("option --rs-rso-bound must be fao56 or asce");
        }));
        args.string("night-rs-rso").ifPresent(v -> b.nightRsRso(v.equalsIgnoreCase("carry-forward")
                ? NightRsRso.carryForward() : NightRsRso.fixed(args.requiredNumber("night-rs-rso"))));
        return b.build();
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    private static InputStream open(String input, InputStream stdin) {
        if (input.equals("-")) {
            return stdin;
        }
        try {
            return Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new IOException("no such file: " + input, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the bytes read so that progress is the share of the file consumed. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
