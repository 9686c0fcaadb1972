package org.eto4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eto4j.core.Station;
import org.eto4j.fusion.EtoFusion;
import org.eto4j.fusion.FusedSeries;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionFlag;
import org.eto4j.fusion.SourceSeries;
import org.eto4j.i18n.CsvDialect;
import org.eto4j.i18n.Messages;
import org.eto4j.sources.Elevation;
import org.eto4j.sources.FetchObserver;
import org.eto4j.sources.FusedPointEto;
import org.eto4j.sources.FusedPointEtoSeries;
import org.eto4j.sources.GeoPoint;
import org.eto4j.sources.SourceId;
import org.eto4j.sources.WeatherRequest;
import org.eto4j.sources.WeatherSources;

/**
 * {@code fuse}: NASA POWER and Open-Meteo daily inputs of one point, fused by eto-fusion under a calibration, to
 * {@code date,eto,eto_p05,eto_p95,flags}. Numbers go through {@link CsvDialect#PLAIN}'s number rule, as every CSV
 * of the CLI; flags are eto-fusion's {@link FusionFlag}s as lower-case tokens joined by {@code |}.
 */
final class FuseRun {
    /** The source name the NASA POWER file is given under: the name in the shipped calibration. */
    static final String NASA_POWER = "nasa_power";
    /** The source name the Open-Meteo (ERA5) file is given under: the name in the shipped calibration. */
    static final String OPEN_METEO = "open_meteo";
    private static final CsvDialect CSV = CsvDialect.PLAIN;

    private FuseRun() {
    }

    /**
     * The calibration: a JSON file when {@code nameOrFile} is an existing file, else a shipped calibration's name.
     *
     * @throws org.eto4j.fusion.FusionException {@code UNKNOWN_CALIBRATION}, {@code MALFORMED_CALIBRATION},
     *                                           {@code UNSUPPORTED_CALIBRATION_VERSION}
     */
    static FusionCalibration calibration(String nameOrFile) {
        Path path = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".json") || Files.isRegularFile(path)) {
            try {
                return FusionCalibration.fromJson(Files.readString(path, StandardCharsets.UTF_8));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UncheckedIOException(new IOException("no such file: " + nameOrFile, e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return FusionCalibration.named(nameOrFile);
    }

    /** Reads both files, fuses them, and returns the CSV text. */
    static String run(Station station, Path nasaPower, Path openMeteo, FusionCalibration calibration, int decimals) {
        SourceSeries power = SourceCsv.read(nasaPower, NASA_POWER);
        SourceSeries era5 = SourceCsv.read(openMeteo, OPEN_METEO);
        FusedSeries fused = EtoFusion.builder(calibration).build().fuse(station, List.of(power, era5));
        StringBuilder out = new StringBuilder(64 * (fused.size() + 1));
        write(fused, out, decimals);
        return out.toString();
    }

    /**
     * {@code daily --source fused}: NASA POWER and Open-Meteo (ERA5 archive) downloaded for the point and period
     * and fused. A source that failed is reported on standard error (localised, with its code) and the run goes on
     * with the other, every day flagged {@code source_missing}; the attributions of the sources used are printed.
     */
    static String point(Arguments args, FusionCalibration calibration, int decimals, PrintStream err,
                        Messages messages, Locale locale, FetchObserver observer) {
        WeatherRequest request = WeatherRequest.of(
                new GeoPoint(args.requiredNumber("latitude"), args.requiredNumber("longitude")),
                date(args, "start"), date(args, "end"));
        WeatherSources.Builder builder = WeatherSources.builder().userAgent("eto4j-cli/0.1 (+https://eto4j.org)");
        args.string("base-url").ifPresent(url -> {
            for (SourceId source : FusedPointEto.CALIBRATION_NAMES.keySet()) {
                builder.baseUrl(source, url);
            }
            builder.elevationBaseUrl(url);
        });
        Optional<Elevation> elevation = args.number("elevation").map(m -> new Elevation(m, Elevation.Origin.GIVEN));
        FusedPointEtoSeries series = FusedPointEto.builder(builder.build(), calibration).build()
                .daily(request, elevation, observer);
        series.failures().forEach((source, e) -> err.println("eto-cli: " + source.token() + ": "
                + messages.format(locale, e.messageKey(), e.args()) + " (" + e.code().code() + ")"));
        series.weather().keySet().forEach(source -> err.println("eto-cli: " + source.attribution()));
        StringBuilder out = new StringBuilder(64 * (series.dates().size() + 1));
        write(series.fused(), out, decimals);
        return out.toString();
    }

    private static LocalDate date(Arguments args, String option) {
        String text = args.string(option)
                .orElseThrow(() -> new Arguments.UsageException("option --" + option + " is required"));
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Arguments.UsageException("option --" + option + " needs a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    /** Writes {@code date,eto,eto_p05,eto_p95,flags}, one row per day. */
    static void write(FusedSeries fused, StringBuilder out, int decimals) {
        out.append(CSV.line("date", "eto", "eto_p05", "eto_p95", "flags"));
        double[] eto = fused.eto();
        double[] low = fused.etoQuantiles(FusedSeries.LOWER_PROBABILITY);
        double[] high = fused.etoQuantiles(FusedSeries.UPPER_PROBABILITY);
        int[] masks = fused.flagMasks();
        char sep = CSV.separator();
        for (int i = 0; i < fused.size(); i++) {
            out.append(CSV.text(fused.dates().get(i).toString())).append(sep);
            CSV.appendNumber(out, eto[i], decimals).append(sep);
            CSV.appendNumber(out, low[i], decimals).append(sep);
            CSV.appendNumber(out, high[i], decimals).append(sep);
            out.append(tokens(masks[i])).append(CSV.lineSeparator());
        }
    }

    /** The flags of a mask as lower-case tokens joined by {@code |}, e.g. {@code corrected|source_missing}. */
    static String tokens(int mask) {
        StringBuilder b = new StringBuilder();
        for (FusionFlag flag : FusionFlag.fromMask(mask)) {
            if (b.length() > 0) {
                b.append('|');
            }
            b.append(token(flag));
        }
        return b.toString();
    }

    /** A flag's token: the last part of its message key, e.g. {@code source_missing}. */
    static String token(FusionFlag flag) {
        String key = flag.messageKey();
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
