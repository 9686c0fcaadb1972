package org.eto4j.examples.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eto4j.core.Fao56;
import org.eto4j.sources.DailyCsv;
import org.eto4j.sources.DailySeries;
import org.eto4j.sources.Elevation;
import org.eto4j.sources.FetchObserver;
import org.eto4j.sources.GeoPoint;
import org.eto4j.sources.PointEto;
import org.eto4j.sources.PointEtoSeries;
import org.eto4j.sources.SourceId;
import org.eto4j.sources.TmeanRule;
import org.eto4j.sources.WeatherRequest;
import org.eto4j.sources.WeatherSources;

/**
 * Weather for a point and a period from a web service: {@code fetch} writes the CLI's input columns,
 * {@code daily --source …} fetches and computes ETo in one go (elevation from {@code --elevation}, else the
 * source's answer, else the elevation service — never a silent 0 m).
 */
final class FetchRun {
    private final Arguments args;

    FetchRun(Arguments args) {
        this.args = args;
    }

    /**
     * Writes the weather ({@code compute} false) or its ETo ({@code compute} true) with {@code decimals}
     * decimals and the {@code tmean} rule; returns the day count.
     */
    long run(boolean compute, Fao56 fao56, TmeanRule tmean, int decimals, Main.Streams streams,
             boolean showProgress) {
        PrintStream err = streams.err();
        String sourceName = args.string("source")
                .orElseThrow(() -> new Arguments.UsageException("option --source is required"));
        SourceId source = SourceId.fromToken(sourceName).orElseThrow(() -> new Arguments.UsageException(
                "unknown --source '" + sourceName + "' (nasa-power, open-meteo-archive, open-meteo-forecast, "
                        + "met-norway)"));
        WeatherRequest request = WeatherRequest.of(
                new GeoPoint(args.requiredNumber("latitude"), args.requiredNumber("longitude")),
                date("start"), date("end"));
        WeatherSources.Builder builder = WeatherSources.builder().userAgent("eto4j-cli/0.1 (+https://eto4j.org)");
        args.string("base-url").ifPresent(url -> builder.baseUrl(source, url).elevationBaseUrl(url));
        WeatherSources sources = builder.build();
        FetchObserver observer = showProgress ? new ChunkProgress(err) : FetchObserver.NONE;
        StringBuilder out = new StringBuilder();
        long days;
        if (compute) {
            Optional<Elevation> elevation = args.number("elevation")
                    .map(m -> new Elevation(m, Elevation.Origin.GIVEN));
            PointEtoSeries series = PointEto.builder(sources).fao56(fao56).tmean(tmean).build()
                    .daily(source, request, elevation, observer);
            DailyCsv.writeEto(series, out, decimals);
            days = series.days().size();
        } else {
            DailySeries series = sources.source(source).daily(request, observer);
            DailyCsv.write(series, out);
            days = request.days();
        }
        err.println("eto-cli: " + source.attribution());
        write(out, streams.out());
        return days;
    }

    private LocalDate date(String option) {
        String text = args.string(option)
                .orElseThrow(() -> new Arguments.UsageException("option --" + option + " is required"));
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Arguments.UsageException("option --" + option + " needs a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    private void write(CharSequence text, PrintStream stdout) {
        String output = args.string("output", "-");
        try {
            if (output.equals("-")) {
                Writer w = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
                w.append(text).flush();
                StandardOutput.check(stdout, text.toString().lines().count());
            } else {
                Files.writeString(Path.of(output), text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Download progress per chunk on a terminal. */
    static final class ChunkProgress implements FetchObserver {
        private final PrintStream err;

        ChunkProgress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void chunkDone(SourceId source, int done, int total) {
            err.printf("\r%s: %d/%d", source.token(), done, total);
            if (done == total) {
                err.println();
            }
        }
    }
}
