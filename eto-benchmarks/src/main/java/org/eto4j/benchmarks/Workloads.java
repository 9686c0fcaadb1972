package org.eto4j.benchmarks;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.Fao56;
import org.eto4j.core.Radiation;
import org.eto4j.core.Station;

/**
 * The benchmark workloads, generated from a fixed seed so that every run (and the numpy side-by-side script,
 * which reads the file written by {@link #main}) computes the same records.
 */
public final class Workloads {

    /** The seed of every workload. */
    public static final long SEED = 20_261_128L;

    /** Sea-level-equivalent station used for random records: only its wind height (2 m) matters there. */
    public static final Station ANY_STATION = Station.of(0.0, 0.0);

    private Workloads() {
    }

    /**
     * Independent station-days: tmax uniform 20–40 °C, tmin = tmax − U(5, 25), RHmean 30–95 %, u2 0.5–6 m/s,
     * latitude −30…30°, elevation 0–1500 m, day of year 1–365, Rs uniform 5–30 MJ m⁻² d⁻¹ but at most the
     * quality-control bound 1.05 Ra + 0.5 (a higher Rs is physically impossible and rejected as invalid).
     */
    public static final class Records {
        public final int size;
        public final int[] dayOfYear;
        public final double[] tmax;
        public final double[] tmin;
        public final double[] rhMean;
        public final double[] u2;
        public final double[] rs;
        public final double[] latitude;
        public final double[] elevation;

        Records(int size) {
            this.size = size;
            dayOfYear = new int[size];
            tmax = new double[size];
            tmin = new double[size];
            rhMean = new double[size];
            u2 = new double[size];
            rs = new double[size];
            latitude = new double[size];
            elevation = new double[size];
        }

        /** The batch columns over these arrays (per-row latitude and elevation). */
        public DailyColumns columns() {
            return DailyColumns.builder(size, dayOfYear).tmax(tmax).tmin(tmin).rhMean(rhMean).u2(u2).rs(rs)
                    .latitudeDegrees(latitude).elevationMetres(elevation).build();
        }
    }

    /**
     * The random-records workload.
     *
     * @param size number of records
     * @param seed the seed
     * @return the records
     */
    public static Records randomRecords(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Records w = new Records(size);
        for (int i = 0; i < size; i++) {
            double tmax = uniform(r, 20, 40);
            w.tmax[i] = tmax;
            w.tmin[i] = tmax - uniform(r, 5, 25);
            w.rhMean[i] = uniform(r, 30, 95);
            w.u2[i] = uniform(r, 0.5, 6);
            double lat = uniform(r, -30, 30);
            w.latitude[i] = lat;
            w.elevation[i] = uniform(r, 0, 1500);
            int doy = 1 + r.nextInt(365);
            w.dayOfYear[i] = doy;
            double ra = Radiation.extraterrestrialDaily(Math.toRadians(lat), doy);
            w.rs[i] = Math.min(uniform(r, 5, 30), 1.05 * ra + 0.5 - 1e-6);
        }
        return w;
    }

    /** Sixteen synthetic stations (latitude °, elevation m) from the tropics to 60° N and 45° S. */
    static final double[][] STATIONS = {
        {50.8, 100}, {45.72, 200}, {-22.9, 760}, {13.73, 2}, {-33.9, 40}, {38.7, 90}, {52.5, 35}, {-15.8, 1170},
        {35.7, 40}, {60.2, 20}, {-3.1, 90}, {41.9, 50}, {31.2, 5}, {-45.0, 300}, {19.4, 2240}, {1.3, 15},
    };

    /**
     * Realistic synthetic daily series: per station, seasonal temperature with persistent anomalies, humidity,
     * wind and cloudiness, Rs as a clearness fraction of Ra; 30 years from 1991-01-01 (leap days included).
     *
     * @param stations number of stations (≤ 16)
     * @param years    number of years
     * @param seed     the seed
     * @return one {@link Records} per station (latitude and elevation constant within it)
     */
    public static Records[] stationSeries(int stations, int years, long seed) {
        return stationSeries(stations, years, seed, LocalDate.of(1991, 1, 1));
    }

    private static Records[] stationSeries(int stations, int years, long seed, LocalDate start) {
        SplittableRandom r = new SplittableRandom(seed);
        int days = (int) (start.plusYears(years).toEpochDay() - start.toEpochDay());
        Records[] out = new Records[stations];
        for (int s = 0; s < stations; s++) {
            double lat = STATIONS[s][0];
            double elev = STATIONS[s][1];
            double annualMean = 27.0 - 0.35 * Math.abs(lat) - 0.0065 * elev;
            double amplitude = 1.0 + 0.22 * Math.abs(lat);
            Records w = new Records(days);
            double anomaly = 0;
            double wetness = 0;
            for (int d = 0; d < days; d++) {
                int doy = start.plusDays(d).getDayOfYear();
                double season = Math.cos(2 * Math.PI * (doy - 200) / 365.25) * Math.signum(lat == 0 ? 1 : lat);
                anomaly = 0.8 * anomaly + gaussian(r, 1.5);
                wetness = 0.7 * wetness + gaussian(r, 0.5);
                double tmean = annualMean + amplitude * season + anomaly;
                double range = clamp(10.0 - 3.0 * wetness + gaussian(r, 1.5), 2, 22);
                w.dayOfYear[d] = doy;
                w.tmax[d] = tmean + range / 2;
                w.tmin[d] = tmean - range / 2;
                w.rhMean[d] = clamp(68 + 15 * wetness + gaussian(r, 6), 20, 100);
                w.u2[d] = clamp(2.0 + gaussian(r, 0.9) + 0.3 * wetness, 0.2, 12);
                w.latitude[d] = lat;
                w.elevation[d] = elev;
                double ra = Radiation.extraterrestrialDaily(Math.toRadians(lat), doy);
                double clearness = clamp(0.55 - 0.15 * wetness + gaussian(r, 0.08), 0.2, 0.76);
                w.rs[d] = clearness * ra;
            }
            out[s] = w;
        }
        return out;
    }

    /**
     * The station of a series (its latitude and elevation; wind at 2 m).
     *
     * @param w a series from {@link #stationSeries}
     * @return the station
     */
    public static Station stationOf(Records w) {
        return Station.of(w.latitude[0], w.elevation[0]);
    }

    /**
     * The batch columns of one station's series (no per-row site columns).
     *
     * @param w a series from {@link #stationSeries}
     * @return the columns
     */
    public static DailyColumns stationColumns(Records w) {
        return DailyColumns.builder(w.size, w.dayOfYear).tmax(w.tmax).tmin(w.tmin).rhMean(w.rhMean).u2(w.u2)
                .rs(w.rs).build();
    }

    private static double uniform(SplittableRandom r, double min, double max) {
        return min + (max - min) * r.nextDouble();
    }

    private static double gaussian(SplittableRandom r, double sigma) {
        // Box-Muller from the same generator, so the series do not depend on java.util.Random.
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    /**
     * Writes a workload and eto4j's results for the numpy side-by-side script: a little-endian int32 row count,
     * an int32 station count, then float64 columns day_of_year, tmax, tmin, rh_mean, u2, rs, latitude,
     * elevation, eto (eto4j, default options), each of the row count.
     *
     * <p>Usage: {@code random ROWS FILE} or {@code stations YEARS FILE}; {@code csv ROWS FILE} writes instead a
     * daily CSV of the first synthetic station (latitude 50.8°, elevation 100 m) for the command-line benchmark,
     * columns {@code date,tmax,tmin,rh_mean,u2,rs}, days from 1900-01-01.
     *
     * @param args the command line
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Workloads random ROWS FILE | stations YEARS FILE | csv ROWS FILE");
            System.exit(2);
        }
        if (args[0].equals("csv")) {
            writeCsv(Integer.parseInt(args[1]), Path.of(args[2]));
            return;
        }
        Records[] parts;
        if (args[0].equals("random")) {
            parts = new Records[] {randomRecords(Integer.parseInt(args[1]), SEED)};
        } else {
            parts = stationSeries(STATIONS.length, Integer.parseInt(args[1]), SEED);
        }
        int total = 0;
        for (Records p : parts) {
            total += p.size;
        }
        double[] eto = new double[total];
        int offset = 0;
        for (Records p : parts) {
            double[] out = new double[p.size];
            if (args[0].equals("random")) {
                Fao56.defaults().dailyBatch(ANY_STATION, p.columns(), out, null);
            } else {
                Fao56.defaults().dailyBatch(stationOf(p), stationColumns(p), out, null);
            }
            System.arraycopy(out, 0, eto, offset, p.size);
            offset += p.size;
        }
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 20);
             DataOutputStream out = new DataOutputStream(os)) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(total).putInt(parts.length);
            out.write(header.array());
            writeColumn(out, parts, p -> toDouble(p.dayOfYear));
            writeColumn(out, parts, p -> p.tmax);
            writeColumn(out, parts, p -> p.tmin);
            writeColumn(out, parts, p -> p.rhMean);
            writeColumn(out, parts, p -> p.u2);
            writeColumn(out, parts, p -> p.rs);
            writeColumn(out, parts, p -> p.latitude);
            writeColumn(out, parts, p -> p.elevation);
            writeColumn(out, new Records[] {null}, p -> eto);
        }
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static void writeColumn(DataOutputStream out, Records[] parts,
                                    java.util.function.Function<Records, double[]> column) throws IOException {
        for (Records p : parts) {
            double[] c = column.apply(p);
            ByteBuffer b = ByteBuffer.allocate(8 * c.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(c);
            out.write(b.array());
        }
    }

    private static void writeCsv(int rows, Path file) throws IOException {
        LocalDate start = LocalDate.of(1900, 1, 1);
        int years = (int) Math.ceil(rows / 365.0) + 1;
        Records w = stationSeriesFrom(start, years);
        try (java.io.Writer out = Files.newBufferedWriter(file)) {
            out.write("date,tmax,tmin,rh_mean,u2,rs\n");
            StringBuilder line = new StringBuilder(96);
            for (int d = 0; d < rows; d++) {
                line.setLength(0);
                line.append(start.plusDays(d)).append(',').append(round(w.tmax[d])).append(',')
                        .append(round(w.tmin[d])).append(',').append(round(w.rhMean[d])).append(',')
                        .append(round(w.u2[d])).append(',').append(round(w.rs[d])).append('\n');
                out.append(line);
            }
        }
    }

    private static Records stationSeriesFrom(LocalDate start, int years) {
        return stationSeries(1, years, SEED, start)[0];
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
