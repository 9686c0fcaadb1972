package org.eto4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The daily batch driver behind {@link Fao56#dailyBatch} and {@link Fao56#dailyBatchParallel}: it walks
 * {@link DailyColumns} in blocks, fills the day-of-year table of Ra and N once per distinct day, hands blocks of
 * the common shape to the {@link Kernel}'s block path (SIMD when available) and the rest row by row to the
 * kernel's scalar path, collects the errors of invalid rows in lenient mode, and splits large inputs into tasks
 * on a caller's executor. The physics is the kernel's; this class only decides what is computed where.
 * Immutable and thread-safe.
 */
final class DailyBatch {
    private final Kernel kernel;
    private final ValidationMode validation;

    DailyBatch(Kernel kernel, ValidationMode validation) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.validation = Objects.requireNonNull(validation, "validation");
    }

    /** {@link Fao56#dailyBatch}: every row in one pass on the calling thread. */
    BatchResult run(Station station, DailyColumns columns, double[] etoOut, long[] flagMaskOut) {
        check(station, columns, etoOut, flagMaskOut);
        List<EtoException> errors = dailyRange(station, columns, 0, columns.size, etoOut, flagMaskOut);
        return new BatchResult(columns.size, errors.size(), errors);
    }

    /**
     * {@link Fao56#dailyBatchParallel}: tasks of {@code chunkRows} rows on {@code executor}, errors in row order,
     * in strict mode the invalid row with the lowest index thrown once every task has finished.
     */
    BatchResult runParallel(Station station, DailyColumns columns, double[] etoOut, long[] flagMaskOut,
                            Executor executor, int chunkRows) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows < 1");
        }
        check(station, columns, etoOut, flagMaskOut);
        Objects.requireNonNull(executor, "executor");
        int n = columns.size;
        int tasks = (int) ((n + (long) chunkRows - 1) / chunkRows);
        if (tasks <= 1) {
            return run(station, columns, etoOut, flagMaskOut);
        }
        List<CompletableFuture<List<EtoException>>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int from = t * chunkRows;
            int to = Math.min(n, from + chunkRows);
            futures.add(CompletableFuture.supplyAsync(
                    () -> dailyRange(station, columns, from, to, etoOut, flagMaskOut), executor));
        }
        List<EtoException> errors = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<List<EtoException>> f : futures) {
            try {
                List<EtoException> chunkErrors = f.join();
                if (failure == null) {
                    errors.addAll(chunkErrors);
                }
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new BatchResult(n, errors.size(), List.copyOf(errors));
    }

    private static void check(Station station, DailyColumns columns, double[] etoOut, long[] flagMaskOut) {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(columns, "columns");
        int n = columns.size;
        if (etoOut.length < n) {
            throw new EtoException(ErrorCode.LENGTH_MISMATCH, "eto", -1, "eto", etoOut.length, n);
        }
        if (flagMaskOut != null && flagMaskOut.length < n) {
            throw new EtoException(ErrorCode.LENGTH_MISMATCH, "flags", -1, "flags", flagMaskOut.length, n);
        }
    }

    /**
     * Rows [from, to) of a batch. Ra and N come from a table filled once per distinct day of year unless the
     * latitude varies per row; station constants are recomputed only when a per-row latitude or elevation
     * changes. Allocates only per call (the table, the error list when a row is invalid), never per row.
     */
    private List<EtoException> dailyRange(Station station, DailyColumns c, int from, int to, double[] etoOut,
                                          long[] flagMaskOut) {
        Kernel.Site site = new Kernel.Site(station);
        double[] latitudes = c.latitudeDegrees;
        double[] elevations = c.elevationMetres;
        double[] raByDay = latitudes == null ? new double[Kernel.DAY_TABLE_LENGTH] : null;
        double[] nByDay = latitudes == null ? new double[Kernel.DAY_TABLE_LENGTH] : null;
        if (raByDay != null) {
            Arrays.fill(raByDay, Double.NaN);
        }
        int block = Math.min(BLOCK_ROWS, to - from);
        boolean fast = Kernel.fastShape(c);
        boolean vector = Kernel.SIMD && fast && to - from >= Kernel.SIMD_MIN_ROWS;
        Kernel.Block scratch = new Kernel.Block(block, latitudes != null, elevations != null, flagMaskOut != null,
                vector);
        double[] eMax = scratch.eMax;
        double[] eMin = scratch.eMin;
        double[] eMid = scratch.eMid;
        long[] flags = flagMaskOut != null ? flagMaskOut : new long[1];
        List<EtoException> errors = null;
        for (int start = from; start < to; start += block) {
            int len = Math.min(block, to - start);
            if (fast && kernel.dailyBlock(site, c, from, start, len, scratch, raByDay, nByDay, etoOut, flagMaskOut)) {
                continue;
            }
            Kernel.saturationPass(c.tmax, c.tmin, start, eMax, eMin, eMid, len);
            for (int k = 0; k < len; k++) {
                int i = start + k;
                int row = c.firstRowIndex + i;
                int fi = flagMaskOut != null ? i : 0;
                flags[fi] = 0L;
                try {
                    int doy = c.dayOfYear[i];
                    if (doy < 1 || doy > 366) {
                        throw new EtoException(ErrorCode.VALUE_OUT_OF_RANGE, "day_of_year", row, "day_of_year", doy,
                                1, 366);
                    }
                    if (elevations != null) {
                        double z = elevations[i];
                        Qc.required("elevation", z, row, Fao56.METHOD_DAILY);
                        Qc.range("elevation", z, Station.MIN_ELEVATION_METRES, Station.MAX_ELEVATION_METRES, row);
                        site.elevation(z);
                    }
                    double ra;
                    double daylight;
                    if (latitudes == null) {
                        ra = raByDay[doy];
                        if (Double.isNaN(ra)) {
                            double cosWs = Kernel.cosSunsetHourAngle(site, doy);
                            double ws = Kernel.sunsetHourAngle(cosWs);
                            ra = Kernel.extraterrestrialDaily(site, doy, cosWs, ws);
                            raByDay[doy] = ra;
                            nByDay[doy] = Kernel.daylightHours(ws);
                        }
                        daylight = nByDay[doy];
                    } else {
                        double lat = latitudes[i];
                        Qc.required("latitude", lat, row, Fao56.METHOD_DAILY);
                        Qc.range("latitude", lat, -90.0, 90.0, row);
                        site.latitude(lat);
                        double cosWs = Kernel.cosSunsetHourAngle(site, doy);
                        double ws = Kernel.sunsetHourAngle(cosWs);
                        ra = Kernel.extraterrestrialDaily(site, doy, cosWs, ws);
                        daylight = Kernel.daylightHours(ws);
                    }
                    etoOut[i] = kernel.daily(site, row, Fao56.METHOD_DAILY, ra, daylight, c.tmax[i], c.tmin[i],
                            at(c.tmean, i), at(c.rhMax, i), at(c.rhMin, i), at(c.rhMean, i), at(c.tdew, i),
                            at(c.ea, i), at(c.windSpeed, i), at(c.u2, i), at(c.rs, i), at(c.sunshineHours, i), 0.0,
                            eMax[k], eMin[k], eMid[k], flags, fi, null);
                } catch (EtoException e) {
                    if (validation == ValidationMode.STRICT) {
                        throw e;
                    }
                    etoOut[i] = Double.NaN;
                    flags[fi] = EstimateFlag.INVALID_ROW.bit();
                    if (errors == null) {
                        errors = new ArrayList<>();
                    }
                    errors.add(e);
                }
            }
        }
        return errors == null ? List.of() : errors;
    }

    /**
     * Rows per block of the batch loop: the block's seven scratch columns (7 × 2 KiB, allocated once per call)
     * stay in the L1 cache, and a per-call allocation this small is negligible beside a long series.
     */
    private static final int BLOCK_ROWS = 256;

    private static double at(double[] column, int i) {
        return column == null ? Double.NaN : column[i];
    }
}
