package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Random station-days in the block path's column shape (Tmax, Tmin, RHmean or RHmax and RHmin, u2, Rs), for the
 * tests that compare a batch with {@link Fao56#daily} row by row: the columns, and each row as the scalar API's
 * input. Rs is a random fraction of the day's Ra, so every row passes the Rs ≤ Ra check.
 */
final class RandomDays {

    /**
     * The ranges drawn from.
     *
     * @param latitudeLimit  per-row latitudes in ±this (degrees)
     * @param minElevation   lowest per-row elevation (m)
     * @param maxElevation   highest per-row elevation (m)
     * @param minTmin        lowest Tmin (°C); Tmin ≤ 35, Tmax = Tmin + 0..25, at most 60
     * @param minRhMean      lowest RHmean (%)
     * @param invalidOneIn   makes Tmin &gt; Tmax in about one row in this many; 0 for none
     */
    record Ranges(double latitudeLimit, double minElevation, double maxElevation, double minTmin, double minRhMean,
                  int invalidOneIn) {
    }

    final int size;
    final boolean perRow;
    final boolean maxMin;
    final Station station;
    final int[] doy;
    final double[] lat;
    final double[] elev;
    final double[] tmax;
    final double[] tmin;
    final double[] rh;
    final double[] rhMax;
    final double[] rhMin;
    final double[] u2;
    final double[] rs;

    /**
     * Draws the rows.
     *
     * @param r       the random source
     * @param size    rows
     * @param perRow  latitude and elevation per row (else the station's)
     * @param maxMin  humidity as RHmax and RHmin (else RHmean)
     * @param station the station of a per-station batch
     * @param ranges  the ranges
     */
    RandomDays(SplittableRandom r, int size, boolean perRow, boolean maxMin, Station station, Ranges ranges) {
        this.size = size;
        this.perRow = perRow;
        this.maxMin = maxMin;
        this.station = station;
        doy = new int[size];
        lat = new double[size];
        elev = new double[size];
        tmax = new double[size];
        tmin = new double[size];
        rh = new double[size];
        rhMax = new double[size];
        rhMin = new double[size];
        u2 = new double[size];
        rs = new double[size];
        for (int i = 0; i < size; i++) {
            doy[i] = 1 + r.nextInt(366);
            lat[i] = perRow ? r.nextDouble(-ranges.latitudeLimit(), ranges.latitudeLimit()) : station.latitudeDegrees();
            elev[i] = perRow ? r.nextDouble(ranges.minElevation(), ranges.maxElevation()) : station.elevationMetres();
            tmin[i] = r.nextDouble(ranges.minTmin(), 35);
            tmax[i] = Math.min(60, tmin[i] + r.nextDouble(0, 25));
            rh[i] = r.nextDouble(ranges.minRhMean(), 100);
            rhMax[i] = r.nextDouble(30, 100);
            rhMin[i] = rhMax[i] * r.nextDouble();
            u2[i] = r.nextDouble(0, 12);
            rs[i] = r.nextDouble(0, 1.0) * Radiation.extraterrestrialDaily(Math.toRadians(lat[i]), doy[i]);
            if (ranges.invalidOneIn() > 0 && r.nextInt(ranges.invalidOneIn()) == 0) {
                tmin[i] = tmax[i] + 1;
            }
        }
    }

    /** The rows as batch columns. */
    DailyColumns columns() {
        DailyColumns.Builder b = DailyColumns.builder(size, doy).tmax(tmax).tmin(tmin).u2(u2).rs(rs);
        if (maxMin) {
            b.rhMax(rhMax).rhMin(rhMin);
        } else {
            b.rhMean(rh);
        }
        if (perRow) {
            b.latitudeDegrees(lat).elevationMetres(elev);
        }
        return b.build();
    }

    /** Row i's station. */
    Station station(int i) {
        return perRow ? Station.of(lat[i], elev[i]) : station;
    }

    /** Row i as the scalar API's input (a day of 2024). */
    DailyWeather weather(int i) {
        return DailyWeather.builder(LocalDate.ofYearDay(2024, doy[i])).tmax(tmax[i]).tmin(tmin[i])
                .rhMean(maxMin ? Double.NaN : rh[i]).rhMax(maxMin ? rhMax[i] : Double.NaN)
                .rhMin(maxMin ? rhMin[i] : Double.NaN).u2(u2[i]).rs(rs[i]).build();
    }

    /**
     * Runs the rows as one batch through {@code o} (flags wanted) and asserts that every row equals
     * {@link Fao56#daily} on its own, bit for bit, flags included, and that the batch counts the same invalid rows.
     *
     * @return the number of invalid rows
     */
    int assertBatchEqualsScalar(Fao56 o, String context) {
        double[] out = new double[size];
        long[] flags = new long[size];
        BatchResult result = o.dailyBatch(station, columns(), out, flags);
        int invalid = 0;
        for (int i = 0; i < size; i++) {
            EtoResult scalar = o.daily(station(i), weather(i));
            int row = i;
            assertEquals(Double.doubleToRawLongBits(scalar.eto()), Double.doubleToRawLongBits(out[i]),
                    () -> context + ", row " + row);
            assertEquals(EstimateFlag.toMask(scalar.flags()), flags[i], () -> context + ", flags of row " + row);
            invalid += scalar.isValid() ? 0 : 1;
        }
        assertEquals(invalid, result.invalidRows(), context);
        return invalid;
    }
}
