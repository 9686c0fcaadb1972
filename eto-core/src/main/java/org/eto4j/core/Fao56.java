package org.eto4j.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The FAO-56 Penman-Monteith calculator (Allen et al. 1998, ch. 3 and 4) for daily, monthly and hourly steps,
 * with the missing-data procedures of ch. 3 and quality control.
 *
 * <p>Build one with {@link #builder()} (or take {@link #defaults()}); it is immutable and thread-safe, and
 * may be shared. Every convention on which sources disagree is a named option whose default is FAO-56's:
 * <ul>
 *   <li>{@link Builder#rsRsoBound} — {@link RsRsoBound#AT_MOST_ONE} (FAO) or 0.3–1.0 (ASCE-EWRI);</li>
 *   <li>{@link Builder#rsoFormula} — eq. 37 with elevation, or eq. 36 with calibrated as/bs;</li>
 *   <li>{@link Builder#kRs} — {@link Radiation#KRS_INTERIOR} 0.16, {@link Radiation#KRS_COASTAL} 0.19 or custom;</li>
 *   <li>{@link Builder#aridTminOffsetCelsius} — 0 (Tdew = Tmin when humidity is missing);</li>
 *   <li>{@link Builder#angstrom} — as = 0.25, bs = 0.50;</li>
 *   <li>{@link Builder#defaultWindSpeed} — 2 m/s when wind is missing;</li>
 *   <li>{@link Builder#stefanBoltzmann}, {@link Builder#stefanBoltzmannHourly}, {@link Builder#kelvinOffset} —
 *       4.903e-9, 4.903e-9/24 (printed 2.043e-10) and 273.16 as in FAO-56;</li>
 *   <li>{@link Builder#hourlyCoefficients}, {@link Builder#hourlySoilHeatFluxFractions} — Cn 37, Cd 0.34 day and
 *       night; G = 0.1 Rn by day, 0.5 Rn by night (eq. 53, 45, 46);</li>
 *   <li>{@link Builder#nightRsRso} — carry the last daytime Rs/Rso forward, or a fixed ratio;</li>
 *   <li>{@link Builder#assumedRsRso} — 0.8, the Rs/Rso used when it cannot be computed (polar night, night
 *       before the first daytime hour);</li>
 *   <li>{@link Builder#timeStampConvention} — hourly stamps mark the start of the period;</li>
 *   <li>{@link Builder#negativeEtoPolicy} — negative ETo (dew) is kept;</li>
 *   <li>{@link Builder#validation} — strict (throw) or lenient (mark the row and go on);</li>
 *   <li>{@link Builder#intermediates} — whether results carry the intermediate quantities.</li>
 * </ul>
 *
 * <h2>Step conventions</h2>
 * Daily: J is the day of the year of the date, G = 0 (eq. 42). Monthly: J is the 15th of the month (FAO-56
 * example 17 uses J = 105 for April), ETo is the month's mean daily value in mm d⁻¹, G from the neighbouring
 * months present in the list (eq. 43, or eq. 44 when only the previous month is known, else 0 — both flagged).
 * Hourly: the period is one hour; its mid-point local clock time and day of year drive eq. 31–33; the standard
 * meridian comes from the stamp's UTC offset; a period is "daytime" when the sun is above the horizon during
 * part of it (Ra &gt; 0), which selects Cd and the G fraction; night-time Rs/Rso follows
 * {@link Builder#nightRsRso}.
 *
 * <h2>Quality control</h2>
 * Each row is checked before it is used; the error names the field as a CSV column ({@code tmax},
 * {@code tmin}, {@code tmean}, {@code rh_max}, {@code rh_min}, {@code rh_mean}, {@code tdew}, {@code ea},
 * {@code uz} for the wind at the station height, {@code u2}, {@code rs}, {@code sunshine_hours}, hourly
 * {@code t}, {@code rh}, {@code datetime}, monthly {@code month}, batch {@code day_of_year}) and the zero-based
 * row. Checks: temperatures −90 to 60 °C ({@link ErrorCode#VALUE_OUT_OF_RANGE}); Tmin &gt; Tmax
 * ({@link ErrorCode#TMIN_ABOVE_TMAX}); RH 0–100 %; RHmin &gt; RHmax ({@link ErrorCode#RH_MIN_ABOVE_RH_MAX});
 * Tdew more than 1 °C above Tmax or Thr ({@link ErrorCode#TDEW_ABOVE_TEMPERATURE}); ea 0–10 kPa; wind 0–75 m/s;
 * Rs ≥ 0 and daily Rs &gt; 1.05 Ra + 0.5 ({@link ErrorCode#RS_ABOVE_EXTRATERRESTRIAL}); hourly Rs 0–5.3 MJ m⁻²
 * h⁻¹; sunshine 0–24 h and more than N + 0.5 h ({@link ErrorCode#SUNSHINE_ABOVE_DAYLENGTH}); infinite values
 * ({@link ErrorCode#VALUE_NOT_FINITE}); required values absent ({@link ErrorCode#MISSING_INPUT}: Tmax and Tmin;
 * hourly T, Rs and one of ea/Tdew/RH; hourly needs the station longitude); hourly stamps repeated
 * ({@link ErrorCode#DUPLICATE_TIMESTAMP}) or decreasing ({@link ErrorCode#TIMESTAMP_OUT_OF_ORDER}); monthly
 * months repeated.
 *
 * <h2>SIMD kernel</h2>
 * To get the SIMD kernel for {@link #dailyBatch daily batches}, start the JVM with
 * {@code --add-modules jdk.incubator.vector} (JDK 17's incubating Vector API): blocks of rows of a call with at
 * least 4,096 rows and the common column shape are then computed in vectors of the preferred width. The system
 * property {@code org.eto4j.core.simd=off} forces the scalar kernel; without the module it is always used. Results
 * may then differ from the scalar kernel's in the last bits (the SIMD kernel has its own exp, log, sin and cos);
 * both equal the straightforward formulas to 1e-12 relative, and in either mode the scalar methods and the
 * batch agree bit for bit. Until the JIT has compiled the vector code (about 10⁵ rows) it runs much slower than
 * the scalar kernel, so the module pays off in long-running processes and large batches.
 */
public final class Fao56 {

    /** Method id of the daily step, FAO-56 eq. 6 with G = 0. */
    public static final String METHOD_DAILY = "fao56-daily";
    /** Method id of the monthly step, FAO-56 eq. 6 with G from eq. 43/44. */
    public static final String METHOD_MONTHLY = "fao56-monthly";
    /** Method id of the hourly step, FAO-56 eq. 53. */
    public static final String METHOD_HOURLY = "fao56-hourly";

    /** Default Rs/Rso when it cannot be computed, 0.8: the value FAO-56 example 19 assumes for night hours. */
    public static final double DEFAULT_ASSUMED_RS_RSO = 0.8;

    private static final Fao56 DEFAULTS = builder().build();

    final RsRsoBound rsRsoBound;
    final RsoFormula rsoFormula;
    final double kRs;
    final double aridTminOffset;
    final double angstromAs;
    final double angstromBs;
    final double defaultWindSpeed;
    final double stefanBoltzmann;
    final double stefanBoltzmannHourly;
    final double kelvinOffset;
    final double hourlyCn;
    final double hourlyCdDay;
    final double hourlyCdNight;
    final double hourlyGDay;
    final double hourlyGNight;
    final NightRsRso nightRsRso;
    final double assumedRsRso;
    final TimeStampConvention timeStampConvention;
    final NegativeEtoPolicy negativeEtoPolicy;
    final ValidationMode validation;
    final boolean intermediates;
    private final Kernel kernel;
    /** The daily batch driver over {@link #kernel}: blocks, day tables, lenient error collection, parallel split. */
    private final DailyBatch batch;

    private Fao56(Builder b) {
        this.rsRsoBound = b.rsRsoBound;
        this.rsoFormula = b.rsoFormula;
        this.kRs = b.kRs;
        this.aridTminOffset = b.aridTminOffset;
        this.angstromAs = b.angstromAs;
        this.angstromBs = b.angstromBs;
        this.defaultWindSpeed = b.defaultWindSpeed;
        this.stefanBoltzmann = b.stefanBoltzmann;
        this.stefanBoltzmannHourly = b.stefanBoltzmannHourly;
        this.kelvinOffset = b.kelvinOffset;
        this.hourlyCn = b.hourlyCn;
        this.hourlyCdDay = b.hourlyCdDay;
        this.hourlyCdNight = b.hourlyCdNight;
        this.hourlyGDay = b.hourlyGDay;
        this.hourlyGNight = b.hourlyGNight;
        this.nightRsRso = b.nightRsRso;
        this.assumedRsRso = b.assumedRsRso;
        this.timeStampConvention = b.timeStampConvention;
        this.negativeEtoPolicy = b.negativeEtoPolicy;
        this.validation = b.validation;
        this.intermediates = b.intermediates;
        this.kernel = new Kernel(new Conventions(rsRsoBound, rsoFormula, kRs, aridTminOffset, angstromAs, angstromBs,
                defaultWindSpeed, stefanBoltzmann, stefanBoltzmannHourly, kelvinOffset, PenmanMonteith.CN_DAILY,
                PenmanMonteith.CD_DAILY, hourlyCn, hourlyCdDay, hourlyCdNight, hourlyGDay, hourlyGNight, nightRsRso,
                assumedRsRso, negativeEtoPolicy));
        this.batch = new DailyBatch(kernel, validation);
    }

    /**
     * A calculator with every FAO-56 default (strict validation, no intermediates).
     *
     * @return the shared default calculator
     */
    public static Fao56 defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder holding the FAO-56 defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The former name of {@link #builder()}, kept so that existing code compiles; eto4j's other types name
     * their builder method {@code builder()}.
     *
     * @return a new builder, as {@link #builder()}
     * @deprecated use {@link #builder()}
     */
    @Deprecated
    public static Builder newBuilder() {
        return builder();
    }

    /**
     * A builder starting from this calculator's options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // ------------------------------------------------------------------------------------------------ daily

    /**
     * ETo of one day, FAO-56 eq. 6 with G = 0 (eq. 42) and the missing-data procedures of ch. 3.
     *
     * @param station the station
     * @param weather the day's weather
     * @return the result, method {@link #METHOD_DAILY}, ETo in mm d⁻¹
     * @throws EtoException on invalid input in strict mode (row absent); in lenient mode the result is marked
     *                      invalid instead
     */
    public EtoResult daily(Station station, DailyWeather weather) {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(weather, "weather");
        return dailyLike(new Kernel.Site(station), -1, METHOD_DAILY, weather.date().getDayOfYear(),
                weather.tmax(), weather.tmin(), weather.tmean(), weather.rhMax(), weather.rhMin(), weather.rhMean(),
                weather.tdew(), weather.ea(), weather.windSpeed(), weather.u2(), weather.rs(),
                weather.sunshineHours(), 0.0, 0L);
    }

    /**
     * ETo of a series of days of one station; row indices of errors are list indices.
     *
     * @param station the station
     * @param days    the days, in any order
     * @return one result per day, in the same order
     * @throws EtoException on the first invalid row in strict mode
     */
    public List<EtoResult> daily(Station station, List<DailyWeather> days) {
        Kernel.Site site = new Kernel.Site(station);
        List<EtoResult> out = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            DailyWeather w = days.get(i);
            out.add(dailyLike(site, i, METHOD_DAILY, w.date().getDayOfYear(), w.tmax(), w.tmin(), w.tmean(),
                    w.rhMax(), w.rhMin(), w.rhMean(), w.tdew(), w.ea(), w.windSpeed(), w.u2(), w.rs(),
                    w.sunshineHours(), 0.0, 0L));
        }
        return out;
    }

    private EtoResult dailyLike(Kernel.Site site, int row, String method, int doy, double tmax, double tmin,
                                double tmean, double rhMax, double rhMin, double rhMean, double tdew, double ea,
                                double uz, double u2, double rs, double n, double g, long extraFlags) {
        double cosWs = Kernel.cosSunsetHourAngle(site, doy);
        double ws = Kernel.sunsetHourAngle(cosWs);
        double ra = Kernel.extraterrestrialDaily(site, doy, cosWs, ws);
        double daylight = Kernel.daylightHours(ws);
        long[] flags = {extraFlags};
        double[] inter = intermediates ? new double[Kernel.SIZE] : null;
        try {
            double eto = kernel.daily(site, row, method, ra, daylight, tmax, tmin, tmean, rhMax, rhMin, rhMean, tdew,
                    ea, uz, u2, rs, n, g, Kernel.saturation(tmax), Kernel.saturation(tmin),
                    Kernel.saturationAtMidpoint(tmax, tmin), flags, 0, inter);
            return result(eto, method, flags[0], inter);
        } catch (EtoException e) {
            return invalid(method, e);
        }
    }

    private EtoResult result(double eto, String method, long flags, double[] inter) {
        return new EtoResult(eto, method, EstimateFlag.fromMask(flags),
                inter == null ? Optional.empty() : Optional.of(Kernel.intermediates(inter)), Optional.empty());
    }

    private EtoResult invalid(String method, EtoException e) {
        if (validation == ValidationMode.STRICT) {
            throw e;
        }
        return new EtoResult(Double.NaN, method, EnumSet.of(EstimateFlag.INVALID_ROW), Optional.empty(),
                Optional.of(e));
    }

    // ------------------------------------------------------------------------------------------------ batch

    /**
     * ETo of a daily series held in primitive columns, without allocating per row: what depends only on the
     * station is computed once, what depends on the day of year once per distinct day (from a shared table of
     * dr, sin δ, cos δ, tan δ), and with per-row {@link DailyColumns.Builder#latitudeDegrees latitude} and
     * {@link DailyColumns.Builder#elevationMetres elevation} columns the site constants once per run of equal
     * values. Columns of a common shape (Tmax, Tmin, RHmean or RHmax and RHmin, u2, Rs) go through a faster
     * block path (in vectors with the optional SIMD kernel, see the class description); results are bit for bit
     * those of {@link #daily(Station, DailyWeather)} either way, and equal the straightforward FAO-56 formulas to
     * 1e-12 relative.
     *
     * <p>In strict mode the first invalid row throws (earlier rows are already written). In lenient mode an
     * invalid row gets ETo NaN and the {@link EstimateFlag#INVALID_ROW} bit, and its error goes to the result.
     *
     * @param station     the station
     * @param columns     the series
     * @param etoOut      receives ETo (mm d⁻¹) at indices 0..size−1; length ≥ size
     * @param flagMaskOut receives the flags as bit masks ({@link EstimateFlag#bit()}), or {@code null}
     * @return the counts and the errors of invalid rows
     * @throws EtoException {@link ErrorCode#LENGTH_MISMATCH} when an output array is too short; invalid rows in
     *                      strict mode
     */
    public BatchResult dailyBatch(Station station, DailyColumns columns, double[] etoOut, long[] flagMaskOut) {
        return batch.run(station, columns, etoOut, flagMaskOut);
    }

    /**
     * Rows per task of {@link #dailyBatchParallel}: 65,536 rows (a few milliseconds of work) make the per-task
     * set-up (a task, a day-of-year table) negligible while still giving a few cores dozens of tasks to balance.
     */
    public static final int PARALLEL_CHUNK_ROWS = 1 << 16;

    /**
     * {@link #dailyBatch(Station, DailyColumns, double[], long[])} split into tasks of
     * {@link #PARALLEL_CHUNK_ROWS} rows run on the caller's executor, for large inputs. eto-core starts no
     * thread of its own: the parallelism is the executor's (e.g. a {@code ForkJoinPool} sized to the cores).
     * Every row is computed exactly as by the sequential method, so results are the same bit for bit and errors
     * come back in row order.
     *
     * <p>In strict mode the invalid row with the lowest index is thrown once every task has finished; rows
     * after it may or may not have been written. The calling thread blocks until then.
     *
     * @param station     the station
     * @param columns     the series
     * @param etoOut      receives ETo (mm d⁻¹) at indices 0..size−1; length ≥ size
     * @param flagMaskOut receives the flags as bit masks, or {@code null}
     * @param executor    runs the tasks; the caller owns (and shuts down) it
     * @return the counts and the errors of invalid rows, in row order
     * @throws EtoException {@link ErrorCode#LENGTH_MISMATCH} when an output array is too short; the first invalid
     *                      row in strict mode
     * @throws java.util.concurrent.RejectedExecutionException when the executor refuses a task
     */
    public BatchResult dailyBatchParallel(Station station, DailyColumns columns, double[] etoOut,
                                          long[] flagMaskOut, Executor executor) {
        return batch.runParallel(station, columns, etoOut, flagMaskOut, executor, PARALLEL_CHUNK_ROWS);
    }

    // ---------------------------------------------------------------------------------------------- monthly

    /**
     * ETo of one month, FAO-56 eq. 6 with the monthly soil heat flux of eq. 43 (both neighbours known) or
     * eq. 44 (only the previous month known); with neither, G = 0 and the result is flagged.
     *
     * @param station            the station
     * @param month              the month's mean weather
     * @param previousMonthMeanCelsius mean temperature of the previous month (°C), or NaN when unknown
     * @param nextMonthMeanCelsius     mean temperature of the next month (°C), or NaN when unknown
     * @return the result, method {@link #METHOD_MONTHLY}, ETo as the month's mean mm d⁻¹
     * @throws EtoException on invalid input in strict mode
     */
    public EtoResult monthly(Station station, MonthlyWeather month, double previousMonthMeanCelsius,
                             double nextMonthMeanCelsius) {
        return monthlyRow(new Kernel.Site(station), -1, month, previousMonthMeanCelsius, nextMonthMeanCelsius);
    }

    /**
     * ETo of a series of months; the soil heat flux of each month uses the calendar neighbours found in the
     * list (eq. 43/44). Months may come in any order but not twice.
     *
     * @param station the station
     * @param months  the months
     * @return one result per month, in the same order
     * @throws EtoException on the first invalid row in strict mode (a repeated month:
     *                      {@link ErrorCode#DUPLICATE_TIMESTAMP}, field {@code month})
     */
    public List<EtoResult> monthly(Station station, List<MonthlyWeather> months) {
        Kernel.Site site = new Kernel.Site(station);
        Map<YearMonth, Integer> index = new HashMap<>();
        List<EtoResult> out = new ArrayList<>(months.size());
        EtoException[] duplicate = new EtoException[months.size()];
        for (int i = 0; i < months.size(); i++) {
            YearMonth ym = months.get(i).month();
            Integer first = index.putIfAbsent(ym, i);
            if (first != null) {
                duplicate[i] = new EtoException(ErrorCode.DUPLICATE_TIMESTAMP, "month", i, "month", ym.toString(),
                        first + 1);
            }
        }
        for (int i = 0; i < months.size(); i++) {
            if (duplicate[i] != null) {
                out.add(invalid(METHOD_MONTHLY, duplicate[i]));
                continue;
            }
            MonthlyWeather m = months.get(i);
            double prev = meanOf(months, index.get(m.month().minusMonths(1)));
            double next = meanOf(months, index.get(m.month().plusMonths(1)));
            out.add(monthlyRow(site, i, m, prev, next));
        }
        return out;
    }

    private static double meanOf(List<MonthlyWeather> months, Integer i) {
        if (i == null) {
            return Double.NaN;
        }
        MonthlyWeather m = months.get(i);
        double t = Double.isNaN(m.tmean()) ? (m.tmax() + m.tmin()) / 2.0 : m.tmean();
        return Double.isInfinite(t) ? Double.NaN : t;
    }

    private EtoResult monthlyRow(Kernel.Site site, int row, MonthlyWeather m, double prev, double next) {
        double t = Double.isNaN(m.tmean()) ? (m.tmax() + m.tmin()) / 2.0 : m.tmean();
        double g;
        long flags = 0;
        if (!Double.isNaN(prev) && !Double.isNaN(next)) {
            g = SoilHeatFlux.monthly(prev, next);
        } else if (!Double.isNaN(prev) && !Double.isNaN(t)) {
            g = SoilHeatFlux.monthlyFromPrevious(prev, t);
            flags |= EstimateFlag.SOIL_HEAT_FLUX_PREVIOUS_MONTH_ONLY.bit();
        } else {
            g = 0.0;
            flags |= EstimateFlag.SOIL_HEAT_FLUX_ASSUMED_ZERO.bit();
        }
        int doy = m.month().atDay(15).getDayOfYear();
        return dailyLike(site, row, METHOD_MONTHLY, doy, m.tmax(), m.tmin(), m.tmean(), m.rhMax(), m.rhMin(),
                m.rhMean(), m.tdew(), m.ea(), m.windSpeed(), m.u2(), m.rs(), m.sunshineHours(), g, flags);
    }

    // ----------------------------------------------------------------------------------------------- hourly

    /**
     * ETo of a series of hours, FAO-56 eq. 53: Ra for the period from eq. 28–33 (solar time from the
     * station longitude, the stamp's UTC offset and the equation of time), Rnl with the hourly σ, G = 0.1 Rn by
     * day and 0.5 Rn by night (eq. 45/46), night-time Rs/Rso per {@link Builder#nightRsRso}. The hours must be
     * in increasing time order (the carried Rs/Rso depends on it); gaps are allowed.
     *
     * @param station the station; its longitude is required
     * @param hours   the hours, in increasing order
     * @return one result per hour, ETo in mm h⁻¹, method {@link #METHOD_HOURLY}
     * @throws EtoException {@link ErrorCode#MISSING_INPUT} (field {@code longitude}) when the station has no
     *                      longitude; invalid rows in strict mode
     */
    public List<EtoResult> hourly(Station station, List<HourlyWeather> hours) {
        HourlySeries series = hourlySeries(station);
        List<EtoResult> out = new ArrayList<>(hours.size());
        for (HourlyWeather h : hours) {
            out.add(series.next(h));
        }
        return out;
    }

    /**
     * Starts a stateful hourly series, for streaming: feed the hours one by one, in increasing time order,
     * with {@link HourlySeries#next(HourlyWeather)}. Same results as {@link #hourly(Station, List)}.
     *
     * @param station the station; its longitude is required
     * @return a new series (not thread-safe)
     * @throws EtoException {@link ErrorCode#MISSING_INPUT} (field {@code longitude}) when the station has no
     *                      longitude
     */
    public HourlySeries hourlySeries(Station station) {
        Objects.requireNonNull(station, "station");
        if (!station.hasLongitude()) {
            throw new EtoException(ErrorCode.MISSING_INPUT, "longitude", -1, "longitude", METHOD_HOURLY);
        }
        return new HourlySeries(new Kernel.Site(station));
    }

    /**
     * An hourly series in progress: carries the last daytime Rs/Rso and the last time stamp from one hour to
     * the next. Row indices of errors count the hours fed so far (from 0). Not thread-safe.
     */
    public final class HourlySeries {
        private final Kernel.Site site;
        private final Kernel.HourlyState state = new Kernel.HourlyState();
        private final long[] flags = new long[1];
        private Instant previous;
        private int previousRow = -1;
        private int row;

        private HourlySeries(Kernel.Site site) {
            this.site = site;
        }

        /**
         * Computes the next hour.
         *
         * @param hour the hour, later than the previous one
         * @return its result, ETo in mm h⁻¹
         * @throws EtoException on invalid input in strict mode ({@link ErrorCode#DUPLICATE_TIMESTAMP} or
         *                      {@link ErrorCode#TIMESTAMP_OUT_OF_ORDER}, field {@code datetime}, for a stamp
         *                      not after the previous one)
         */
        public EtoResult next(HourlyWeather hour) {
            Objects.requireNonNull(hour, "hour");
            int i = row++;
            Instant instant = hour.time().toInstant();
            if (previous != null && !instant.isAfter(previous)) {
                EtoException e = instant.equals(previous)
                        ? new EtoException(ErrorCode.DUPLICATE_TIMESTAMP, "datetime", i, "datetime",
                        hour.time().toString(), previousRow + 1)
                        : new EtoException(ErrorCode.TIMESTAMP_OUT_OF_ORDER, "datetime", i, "datetime",
                        hour.time().toString());
                return invalid(METHOD_HOURLY, e);
            }
            previous = instant;
            previousRow = i;
            return hourlyRow(site, state, i, hour, flags);
        }

        /** The number of hours fed so far. */
        public int rows() {
            return row;
        }
    }

    private EtoResult hourlyRow(Kernel.Site site, Kernel.HourlyState state, int row, HourlyWeather h, long[] flags) {
        Duration half = Duration.ofMinutes(30);
        OffsetDateTime mid = timeStampConvention == TimeStampConvention.PERIOD_START
                ? h.time().plus(half) : h.time().minus(half);
        LocalDateTime local = mid.toLocalDateTime();
        int doy = local.getDayOfYear();
        double clock = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double standardMeridianWest = -mid.getOffset().getTotalSeconds() / 240.0;
        double sc = SolarGeometry.seasonalCorrectionHours(doy);
        double omega = SolarGeometry.solarTimeAngle(clock, standardMeridianWest, site.longitudeWest, sc);
        double ra = Radiation.extraterrestrialForPeriod(site.phi, doy, omega, 1.0);
        double sinBeta = SolarGeometry.sineOfSunElevation(site.phi, SolarGeometry.declination(doy),
                SolarGeometry.wrapAngle(omega));
        flags[0] = 0L;
        double[] inter = intermediates ? new double[Kernel.SIZE] : null;
        try {
            double eto = kernel.hourly(site, row, state, ra, sinBeta, h.t(), h.rh(), h.tdew(), h.ea(), h.windSpeed(),
                    h.u2(), h.rs(), flags, 0, inter);
            return result(eto, METHOD_HOURLY, flags[0], inter);
        } catch (EtoException e) {
            return invalid(METHOD_HOURLY, e);
        }
    }

    @Override
    public String toString() {
        return "Fao56{rsRsoBound=" + rsRsoBound + ", rsoFormula=" + rsoFormula + ", kRs=" + kRs
                + ", aridTminOffset=" + aridTminOffset + ", as=" + angstromAs + ", bs=" + angstromBs
                + ", defaultWind=" + defaultWindSpeed + ", sigma=" + stefanBoltzmann + ", sigmaHourly="
                + stefanBoltzmannHourly + ", kelvin=" + kelvinOffset + ", cn=" + hourlyCn + ", cdDay=" + hourlyCdDay
                + ", cdNight=" + hourlyCdNight + ", gDay=" + hourlyGDay + ", gNight=" + hourlyGNight
                + ", nightRsRso=" + nightRsRso + ", assumedRsRso=" + assumedRsRso + ", timeStamp="
                + timeStampConvention + ", negativeEto=" + negativeEtoPolicy + ", validation=" + validation
                + ", intermediates=" + intermediates + '}';
    }

    /**
     * The one builder of {@link Fao56}; starts with the FAO-56 defaults. Setters do not validate; {@link #build()}
     * does, with {@link ErrorCode#INVALID_OPTION} naming the option, the value and the accepted range.
     */
    public static final class Builder {
        private RsRsoBound rsRsoBound = RsRsoBound.AT_MOST_ONE;
        private RsoFormula rsoFormula = RsoFormula.ELEVATION;
        private double kRs = Radiation.KRS_INTERIOR;
        private double aridTminOffset = 0.0;
        private double angstromAs = Radiation.ANGSTROM_AS;
        private double angstromBs = Radiation.ANGSTROM_BS;
        private double defaultWindSpeed = Wind.DEFAULT_WIND_SPEED_METRES_PER_SECOND;
        private double stefanBoltzmann = Radiation.STEFAN_BOLTZMANN_DAILY;
        private double stefanBoltzmannHourly = Radiation.STEFAN_BOLTZMANN_HOURLY;
        private double kelvinOffset = Radiation.KELVIN_OFFSET_FAO56;
        private double hourlyCn = PenmanMonteith.CN_HOURLY;
        private double hourlyCdDay = PenmanMonteith.CD_HOURLY;
        private double hourlyCdNight = PenmanMonteith.CD_HOURLY;
        private double hourlyGDay = SoilHeatFlux.HOURLY_DAYTIME_FRACTION;
        private double hourlyGNight = SoilHeatFlux.HOURLY_NIGHTTIME_FRACTION;
        private NightRsRso nightRsRso = NightRsRso.carryForward();
        private double assumedRsRso = DEFAULT_ASSUMED_RS_RSO;
        private TimeStampConvention timeStampConvention = TimeStampConvention.PERIOD_START;
        private NegativeEtoPolicy negativeEtoPolicy = NegativeEtoPolicy.KEEP;
        private ValidationMode validation = ValidationMode.STRICT;
        private boolean intermediates;

        private Builder() {
        }

        private Builder(Fao56 f) {
            rsRsoBound = f.rsRsoBound;
            rsoFormula = f.rsoFormula;
            kRs = f.kRs;
            aridTminOffset = f.aridTminOffset;
            angstromAs = f.angstromAs;
            angstromBs = f.angstromBs;
            defaultWindSpeed = f.defaultWindSpeed;
            stefanBoltzmann = f.stefanBoltzmann;
            stefanBoltzmannHourly = f.stefanBoltzmannHourly;
            kelvinOffset = f.kelvinOffset;
            hourlyCn = f.hourlyCn;
            hourlyCdDay = f.hourlyCdDay;
            hourlyCdNight = f.hourlyCdNight;
            hourlyGDay = f.hourlyGDay;
            hourlyGNight = f.hourlyGNight;
            nightRsRso = f.nightRsRso;
            assumedRsRso = f.assumedRsRso;
            timeStampConvention = f.timeStampConvention;
            negativeEtoPolicy = f.negativeEtoPolicy;
            validation = f.validation;
            intermediates = f.intermediates;
        }

        /**
         * How Rs/Rso is bounded in eq. 39. Default {@link RsRsoBound#AT_MOST_ONE} (FAO-56).
         *
         * @param bound the bound
         * @return this builder
         */
        public Builder rsRsoBound(RsRsoBound bound) {
            this.rsRsoBound = Objects.requireNonNull(bound, "rsRsoBound");
            return this;
        }

        /**
         * Which equation gives Rso. Default {@link RsoFormula#ELEVATION} (eq. 37).
         *
         * @param formula the formula
         * @return this builder
         */
        public Builder rsoFormula(RsoFormula formula) {
            this.rsoFormula = Objects.requireNonNull(formula, "rsoFormula");
            return this;
        }

        /**
         * Hargreaves' radiation adjustment coefficient kRs of eq. 50, used when Rs and sunshine are missing.
         * Default {@link Radiation#KRS_INTERIOR} (0.16); {@link Radiation#KRS_COASTAL} (0.19) for coastal sites.
         * Accepted 0.1–0.3.
         *
         * @param value kRs (°C^-0.5)
         * @return this builder
         */
        public Builder kRs(double value) {
            this.kRs = value;
            return this;
        }

        /**
         * How far below Tmin the dew point is assumed when humidity is missing (eq. 48); FAO-56 suggests 2–3 °C
         * for arid sites. Default 0. Accepted 0–10 °C.
         *
         * @param celsius the offset (°C)
         * @return this builder
         */
        public Builder aridTminOffsetCelsius(double celsius) {
            this.aridTminOffset = celsius;
            return this;
        }

        /**
         * Ångström constants of eq. 35 (and eq. 36). Default 0.25 / 0.50. Accepted: each 0–1 with as + bs ≤ 1.
         *
         * @param as fraction of Ra reaching the ground on overcast days
         * @param bs additional fraction on clear days
         * @return this builder
         */
        public Builder angstrom(double as, double bs) {
            this.angstromAs = as;
            this.angstromBs = bs;
            return this;
        }

        /**
         * Wind speed at 2 m used when wind is missing. Default 2 m/s (FAO-56 ch. 3). Accepted 0–20 m/s.
         *
         * @param metresPerSecond the speed (m/s)
         * @return this builder
         */
        public Builder defaultWindSpeed(double metresPerSecond) {
            this.defaultWindSpeed = metresPerSecond;
            return this;
        }

        /**
         * Daily Stefan-Boltzmann constant of eq. 39. Default 4.903e-9 (FAO-56); ASCE-EWRI uses 4.901e-9.
         * Accepted 4.8e-9 to 5.0e-9 MJ K⁻⁴ m⁻² d⁻¹.
         *
         * @param value σ
         * @return this builder
         */
        public Builder stefanBoltzmann(double value) {
            this.stefanBoltzmann = value;
            return this;
        }

        /**
         * Hourly Stefan-Boltzmann constant. Default {@link Radiation#STEFAN_BOLTZMANN_HOURLY}, 4.903e-9/24
         * (FAO-56 prints 2.043e-10).
         * Accepted 2.0e-10 to 2.1e-10 MJ K⁻⁴ m⁻² h⁻¹.
         *
         * @param value σ per hour
         * @return this builder
         */
        public Builder stefanBoltzmannHourly(double value) {
            this.stefanBoltzmannHourly = value;
            return this;
        }

        /**
         * Offset from °C to K in eq. 39. Default 273.16 as printed in FAO-56; 273.15 is the exact value.
         * Accepted 273.0–273.2.
         *
         * @param value the offset
         * @return this builder
         */
        public Builder kelvinOffset(double value) {
            this.kelvinOffset = value;
            return this;
        }

        /**
         * Constants of the hourly equation 53. Default Cn = 37, Cd = 0.34 day and night (FAO-56); ASCE-EWRI
         * uses 0.24 by day and 0.96 by night. Accepted Cn 1–100, Cd 0–2.
         *
         * @param cn      numerator constant
         * @param cdDay   denominator constant for daytime periods
         * @param cdNight denominator constant for night-time periods
         * @return this builder
         */
        public Builder hourlyCoefficients(double cn, double cdDay, double cdNight) {
            this.hourlyCn = cn;
            this.hourlyCdDay = cdDay;
            this.hourlyCdNight = cdNight;
            return this;
        }

        /**
         * Fractions G/Rn for hourly periods, eq. 45/46. Default 0.1 by day, 0.5 by night. Accepted 0–1.
         *
         * @param day   fraction for daytime periods
         * @param night fraction for night-time periods
         * @return this builder
         */
        public Builder hourlySoilHeatFluxFractions(double day, double night) {
            this.hourlyGDay = day;
            this.hourlyGNight = night;
            return this;
        }

        /**
         * Night-time Rs/Rso policy. Default {@link NightRsRso#carryForward()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder nightRsRso(NightRsRso policy) {
            this.nightRsRso = Objects.requireNonNull(policy, "nightRsRso");
            return this;
        }

        /**
         * Rs/Rso used when it cannot be computed: daily polar night (Ra = 0) and night hours before the first
         * daytime hour under carry-forward. Default {@link #DEFAULT_ASSUMED_RS_RSO} 0.8. Accepted 0.3–1.0.
         *
         * @param ratio the ratio
         * @return this builder
         */
        public Builder assumedRsRso(double ratio) {
            this.assumedRsRso = ratio;
            return this;
        }

        /**
         * Meaning of hourly time stamps. Default {@link TimeStampConvention#PERIOD_START}.
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder timeStampConvention(TimeStampConvention convention) {
            this.timeStampConvention = Objects.requireNonNull(convention, "timeStampConvention");
            return this;
        }

        /**
         * What to do with negative ETo. Default {@link NegativeEtoPolicy#KEEP}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder negativeEtoPolicy(NegativeEtoPolicy policy) {
            this.negativeEtoPolicy = Objects.requireNonNull(policy, "negativeEtoPolicy");
            return this;
        }

        /**
         * Strict or lenient validation. Default {@link ValidationMode#STRICT}.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder validation(ValidationMode mode) {
            this.validation = Objects.requireNonNull(mode, "validation");
            return this;
        }

        /**
         * Whether scalar results carry {@link Intermediates}. Default false (saves an allocation per result).
         *
         * @param enabled true to compute them
         * @return this builder
         */
        public Builder intermediates(boolean enabled) {
            this.intermediates = enabled;
            return this;
        }

        /**
         * Validates the options and builds the calculator.
         *
         * @return the calculator
         * @throws EtoException {@link ErrorCode#INVALID_OPTION}, field = the option name, args = option, value,
         *                      accepted range
         */
        public Fao56 build() {
            Options.check("kRs", kRs, 0.1, 0.3);
            Options.check("aridTminOffsetCelsius", aridTminOffset, 0.0, 10.0);
            Options.check("angstromAs", angstromAs, 0.0, 1.0);
            Options.check("angstromBs", angstromBs, 0.0, 1.0);
            Options.check("angstromAsPlusBs", angstromAs + angstromBs, 0.0, 1.0);
            Options.check("defaultWindSpeed", defaultWindSpeed, 0.0, 20.0);
            Options.check("stefanBoltzmann", stefanBoltzmann, 4.8e-9, 5.0e-9);
            Options.check("stefanBoltzmannHourly", stefanBoltzmannHourly, 2.0e-10, 2.1e-10);
            Options.check("kelvinOffset", kelvinOffset, 273.0, 273.2);
            Options.check("hourlyCn", hourlyCn, 1.0, 100.0);
            Options.check("hourlyCdDay", hourlyCdDay, 0.0, 2.0);
            Options.check("hourlyCdNight", hourlyCdNight, 0.0, 2.0);
            Options.check("hourlyGDay", hourlyGDay, 0.0, 1.0);
            Options.check("hourlyGNight", hourlyGNight, 0.0, 1.0);
            Options.check("assumedRsRso", assumedRsRso, 0.3, 1.0);
            return new Fao56(this);
        }
    }
}
