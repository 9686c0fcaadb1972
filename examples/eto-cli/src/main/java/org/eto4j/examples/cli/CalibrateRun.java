package org.eto4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eto4j.core.CsvReader;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Station;
import org.eto4j.fusion.CalibrationSite;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionCalibrator;
import org.eto4j.fusion.SourceSeries;

/**
 * {@code calibrate}: fits an eto-fusion calibration from a manifest of stations,
 * {@code name,latitude,longitude,elevation,nasa_power,open_meteo,reference} (paths relative to the manifest; the
 * reference file is {@code date,eto}). One station gives a local calibration, several a regional one; its domain is
 * the stations' box widened by {@link FusionCalibrator#DEFAULT_DOMAIN_MARGIN_DEGREES}.
 */
final class CalibrateRun {
    /** The manifest's columns, in any order. */
    static final List<String> MANIFEST_COLUMNS = List.of("name", "latitude", "longitude", "elevation", "nasa_power",
            "open_meteo", "reference");

    private CalibrateRun() {
    }

    /**
     * Reads the manifest and every file it names, and fits.
     *
     * @param name  the calibration's name
     * @param from  first training day, or null for every day given
     * @param until last training day, or null for every day given
     */
    static FusionCalibration run(Path manifest, String name, LocalDate from, LocalDate until) {
        List<CalibrationSite> sites = sites(manifest);
        FusionCalibrator.Builder b = FusionCalibrator.builder(name)
                .region(sites.size() == 1 ? "local: " + sites.get(0).id() : "regional: " + sites.size() + " stations")
                .reference("reference ETo of " + manifest.getFileName());
        if (from != null || until != null) {
            LocalDate first = LocalDate.MAX;
            LocalDate last = LocalDate.MIN;
            for (CalibrationSite site : sites) {
                List<LocalDate> dates = site.sources().get(0).dates();
                if (!dates.isEmpty() && dates.get(0).isBefore(first)) {
                    first = dates.get(0);
                }
                if (!dates.isEmpty() && dates.get(dates.size() - 1).isAfter(last)) {
                    last = dates.get(dates.size() - 1);
                }
            }
            b.trainingPeriod(from != null ? from : first, until != null ? until : last);
        }
        return b.build().fit(sites);
    }

    static List<CalibrationSite> sites(Path manifest) {
        Path dir = manifest.toAbsolutePath().getParent();
        List<CalibrationSite> sites = new ArrayList<>();
        try (CsvReader csv = CsvReader.of(Files.newBufferedReader(manifest, StandardCharsets.UTF_8))) {
            List<String> header = csv.header();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
            for (String column : MANIFEST_COLUMNS) {
                if (!index.containsKey(column)) {
                    throw new SourceCsv.FileException(manifest,
                            new EtoException(ErrorCode.MISSING_COLUMN, column, -1, column));
                }
            }
            List<String> cells;
            while ((cells = csv.next()) != null) {
                int row = csv.row();
                if (cells.size() != header.size()) {
                    throw new SourceCsv.FileException(manifest,
                            new EtoException(ErrorCode.WRONG_CELL_COUNT, null, row, cells.size(), header.size()));
                }
                Station station = Station.of(number(manifest, cells, index, "latitude", row),
                        number(manifest, cells, index, "longitude", row),
                        number(manifest, cells, index, "elevation", row));
                SourceSeries power = SourceCsv.read(dir.resolve(cell(cells, index, "nasa_power")),
                        FuseRun.NASA_POWER);
                SourceSeries era5 = SourceCsv.read(dir.resolve(cell(cells, index, "open_meteo")),
                        FuseRun.OPEN_METEO);
                double[] reference = SourceCsv.reference(dir.resolve(cell(cells, index, "reference")),
                        power.dates());
                sites.add(CalibrationSite.of(cell(cells, index, "name"), station, List.of(power, era5), reference));
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new IOException("no such file: " + manifest, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (EtoException e) {
            throw new SourceCsv.FileException(manifest, e);
        }
        return sites;
    }

    private static String cell(List<String> cells, Map<String, Integer> index, String column) {
        return cells.get(index.get(column)).trim();
    }

    private static double number(Path manifest, List<String> cells, Map<String, Integer> index, String column,
                                 int row) {
        String text = cell(cells, index, column);
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the column and the row
        }
        throw new SourceCsv.FileException(manifest, new EtoException(ErrorCode.MALFORMED_NUMBER, column, row,
                column, text));
    }
}
