package org.eto4j.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ASCE-EWRI (2005) standardized reference evapotranspiration (Allen et al., "The ASCE Standardized
 * Reference Evapotranspiration Equation", eq. 1) for the short ({@link ReferenceCrop#SHORT}, ETos) and the tall
 * ({@link ReferenceCrop#TALL}, ETrs) reference crop, daily and hourly.
 *
 * <p>Build one with {@link #builder()}; it is immutable and thread-safe. The {@link AsceProfile} chooses
 * between the standard's constants ({@link AsceProfile#ASCE}, default) and those of the Ref-ET program
 * ({@link AsceProfile#REF_ET}). What differs from {@link Fao56}:
 * <ul>
 *   <li>Rs/Rso is clipped to 0.3–1.0 (eq. 18) and fcd = 1 when Rso = 0;</li>
 *   <li>σ = 4.901e-9 MJ K⁻⁴ m⁻² d⁻¹ (eq. 17), 2.042e-10 per hour (eq. 44); Rns = 0.77 Rs (eq. 16);</li>
 *   <li>the daily mean temperature is always (Tmax + Tmin)/2 (eq. 2): a measured {@code tmean} is validated
 *       but not used;</li>
 *   <li>es − ea is taken as 0 when negative (condensation conditions), as Ref-ET does;</li>
 *   <li>hourly: Cd and G/Rn are chosen by the sign of Rn (daytime when Rn ≥ 0, night when Rn &lt; 0;
 *       Table 1, eq. 65–66; Ref-ET does the same), so an hour's day or night follows its fcd; the hourly ωs,
 *       dr and δ are those of eq. 59, 50 and 51 (the daily formulas);
 *       when the sun's elevation β is below 0.3 rad Rs/Rso is not used and fcd follows {@link AsceLowSun}
 *       (by default the fcd of the last high-sun hour, carried through the night), β taken at the time
 *       {@link AsceBetaTime} names; Cn per {@link AsceHourlyCn};</li>
 *   <li>hourly solar time uses the exact 1/15 h per degree of longitude (eq. 55 prints 0.06667).</li>
 * </ul>
 * Missing data follow ASCE-EWRI Appendix E, which are FAO-56's procedures: ea from Tmin − offset, Rs from
 * sunshine hours or the temperature range (kRs), wind 2 m/s; each is flagged as in {@link Fao56}. Quality
 * control and error codes are {@link Fao56}'s (see there): Tmax and Tmin are required daily; T, Rs and a
 * humidity value hourly, and the station longitude.
 */
public final class AsceEwri {

    /** Daily Stefan-Boltzmann constant of ASCE-EWRI eq. 17, 4.901e-9 MJ K⁻⁴ m⁻² d⁻¹. */
    public static final double STEFAN_BOLTZMANN_DAILY = 4.901e-9;
    /** Hourly Stefan-Boltzmann constant of ASCE-EWRI eq. 44, 2.042e-10 MJ K⁻⁴ m⁻² h⁻¹. */
    public static final double STEFAN_BOLTZMANN_HOURLY = 2.042e-10;
    /** Offset from °C to K in eq. 17 and 44, 273.16 as printed. */
    public static final double KELVIN_OFFSET = 273.16;
    /** Net shortwave factor 1 − α with the fixed albedo 0.23 of eq. 16. */
    public static final double NET_SHORTWAVE_FACTOR = 0.77;
    /** Psychrometric coefficient of eq. 4, γ = 0.000665 P. */
    public static final double PSYCHROMETRIC_COEFFICIENT = 0.000665;
    /**
     * Sun elevation below which the hourly Rs/Rso is not used and fcd follows {@link AsceLowSun}, 0.3 rad
     * (ASCE-EWRI 2005, text with eq. 45; Ref-ET).
     */
    public static final double LOW_SUN_ELEVATION_RADIANS = 0.3;
    /**
     * Rs/Rso that {@link AsceLowSun#REF_ET} assumes before the first high-sun hour of a series, 0.7 (fcd 0.595).
     * Determined from Ref-ET's printed output for the first night and morning of a series (Fallon, NV, 1 January
     * 2015: fcd between 0.55 and 0.60 reproduces every hour; 1.0 misses three hours by more than 0.01 mm).
     */
    public static final double REF_ET_INITIAL_RS_RSO = 0.7;

    private static final AsceEwri DEFAULTS = builder().build();

    private final AsceProfile profile;
    private final ReferenceCrop crop;
    private final AsceClearSky clearSky;
    private final AsceLowSun lowSun;
    private final AsceBetaTime betaTime;
    private final AsceHourlyCn hourlyCn;
    private final double kRs;
    private final double aridTminOffset;
    private final double defaultWindSpeed;
    private final TimeStampConvention timeStampConvention;
    private final NegativeEtoPolicy negativeEtoPolicy;
    private final ValidationMode validation;
    private final boolean intermediates;

    private AsceEwri(Builder b) {
        this.profile = b.profile;
        this.crop = b.crop;
        this.clearSky = b.clearSky != null ? b.clearSky : b.profile.defaultClearSky();
        this.lowSun = b.lowSun != null ? b.lowSun : b.profile.defaultLowSun();
        this.betaTime = b.betaTime != null ? b.betaTime : b.profile.defaultBetaTime();
        this.hourlyCn = b.hourlyCn != null ? b.hourlyCn : b.profile.defaultHourlyCn();
        this.kRs = b.kRs;
        this.aridTminOffset = b.aridTminOffset;
        this.defaultWindSpeed = b.defaultWindSpeed;
        this.timeStampConvention = b.timeStampConvention;
        this.negativeEtoPolicy = b.negativeEtoPolicy;
        this.validation = b.validation;
        this.intermediates = b.intermediates;
    }

    /**
     * The short-crop calculator with the standard's constants ({@link AsceProfile#ASCE}), strict validation.
     *
     * @return the shared default calculator
     */
    public static AsceEwri defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder: profile {@link AsceProfile#ASCE}, crop {@link ReferenceCrop#SHORT}.
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

    /** The constants profile. */
    public AsceProfile profile() {
        return profile;
    }

    /** The reference crop. */
    public ReferenceCrop crop() {
        return crop;
    }

    /** The clear-sky model in use (the profile's default unless set). */
    public AsceClearSky clearSky() {
        return clearSky;
    }

    /** The hourly low-sun fcd rule in use (the profile's default unless set). */
    public AsceLowSun lowSun() {
        return lowSun;
    }

    /** When in the hour β is evaluated for the low-sun test (the profile's default unless set). */
    public AsceBetaTime betaTime() {
        return betaTime;
    }

    /** The hourly Cn in use (the profile's default unless set). */
    public AsceHourlyCn hourlyCn() {
        return hourlyCn;
    }

    // ------------------------------------------------------------------------------------------- equations

    /**
     * Extraterrestrial radiation for a day, ASCE-EWRI (2005) eq. 21 with dr (eq. 23), δ per profile (eq. 24)
     * and the sunset hour angle ωs = arccos(−tan φ tan δ) clamped to [0, π]: {@code Ra = 24/π Gsc dr [ωs sin φ sin δ +
     * cos φ cos δ sin ωs]}.
     *
     * @param profile         the constants profile (Gsc, δ)
     * @param latitudeRadians φ (rad)
     * @param dayOfYear       J (1–366)
     * @return Ra (MJ m⁻² d⁻¹), ≥ 0
     */
    public static double extraterrestrialDaily(AsceProfile profile, double latitudeRadians, int dayOfYear) {
        double delta = profile.declination(dayOfYear);
        double ws = SolarGeometry.sunsetHourAngle(latitudeRadians, delta);
        double ra = 24.0 / Math.PI * profile.solarConstantPerHour()
                * SolarGeometry.inverseRelativeDistance(dayOfYear)
                * (ws * Math.sin(latitudeRadians) * Math.sin(delta)
                + Math.cos(latitudeRadians) * Math.cos(delta) * Math.sin(ws));
        return Math.max(0.0, ra);
    }

    /**
     * Extraterrestrial radiation for one hour, ASCE-EWRI (2005) eq. 48, with ω1 = ω − π/24 and ω2 = ω + π/24
     * (eq. 53, 54) clamped to [−ωs, ωs] (eq. 56).
     *
     * @param profile         the constants profile (Gsc, δ)
     * @param latitudeRadians φ (rad)
     * @param dayOfYear       J (1–366)
     * @param hourAngleRadians ω at the middle of the hour (rad, in [−π, π), eq. 55)
     * @return Ra (MJ m⁻² h⁻¹), ≥ 0
     */
    public static double extraterrestrialHourly(AsceProfile profile, double latitudeRadians, int dayOfYear,
                                                double hourAngleRadians) {
        double delta = profile.declination(dayOfYear);
        double ws = SolarGeometry.sunsetHourAngle(latitudeRadians, delta);
        double w1 = Math.max(-ws, Math.min(ws, hourAngleRadians - Math.PI / 24.0));
        double w2 = Math.max(-ws, Math.min(ws, hourAngleRadians + Math.PI / 24.0));
        w1 = Math.min(w1, w2);
        double ra = 12.0 / Math.PI * profile.solarConstantPerHour()
                * SolarGeometry.inverseRelativeDistance(dayOfYear)
                * ((w2 - w1) * Math.sin(latitudeRadians) * Math.sin(delta)
                + Math.cos(latitudeRadians) * Math.cos(delta) * (Math.sin(w2) - Math.sin(w1)));
        return Math.max(0.0, ra);
    }

    /**
     * Hour angle at the middle of a period, ASCE-EWRI (2005) eq. 55 with Sc from eq. 57–58, wrapped into
     * [−π, π): {@code ω = π/12 [(t + (Lz − Lm)/15 + Sc) − 12]}, longitudes in degrees west.
     *
     * @param clockTimeHours   standard clock time at the middle of the period (h)
     * @param standardMeridianWestDegrees Lz (degrees west)
     * @param longitudeWestDegrees Lm (degrees west)
     * @param dayOfYear        J (1–366)
     * @return ω (rad)
     */
    public static double hourAngle(double clockTimeHours, double standardMeridianWestDegrees,
                                   double longitudeWestDegrees, int dayOfYear) {
        double solarTime = clockTimeHours + (standardMeridianWestDegrees - longitudeWestDegrees) / 15.0
                + SolarGeometry.seasonalCorrectionHours(dayOfYear);
        return SolarGeometry.wrapAngle(Math.PI / 12.0 * (solarTime - 12.0));
    }

    /**
     * Clear-sky radiation, ASCE-EWRI (2005) Appendix D: {@code Rso = (Kb + Kd) Ra} (eq. D.1) with
     * {@code Kb = 0.98 exp(−0.00146 P/(Kt sin β) − 0.075 (W/sin β)^0.4)} (eq. D.2, turbidity Kt = 1),
     * {@code W = 0.14 ea P + 2.1} (eq. D.3) and {@code Kd = 0.35 − 0.36 Kb} for Kb ≥ 0.15, else
     * {@code 0.18 + 0.82 Kb} (eq. D.4).
     *
     * @param extraterrestrial Ra (MJ m⁻² per period)
     * @param actualVapourPressure ea (kPa)
     * @param pressureKilopascals  P (kPa)
     * @param sineOfSunElevation   sin β: for a day the 24-h weighted value of eq. D.5
     *                             ({@link #sineOfSunElevationDaily}), for an hour eq. 62 at its middle
     * @return Rso (MJ m⁻² per period); 0 when the sun is not above the horizon
     */
    public static double clearSkyFull(double extraterrestrial, double actualVapourPressure,
                                      double pressureKilopascals, double sineOfSunElevation) {
        if (!(sineOfSunElevation > 0.0) || extraterrestrial <= 0.0) {
            return 0.0;
        }
        double w = 0.14 * actualVapourPressure * pressureKilopascals + 2.1;
        double kb = 0.98 * Math.exp(-0.00146 * pressureKilopascals / sineOfSunElevation
                - 0.075 * Math.pow(w / sineOfSunElevation, 0.4));
        double kd = Math.min(-0.36 * kb + 0.35, 0.82 * kb + 0.18);
        return (kb + kd) * extraterrestrial;
    }

    /**
     * Daily weighted sine of the sun's elevation, ASCE-EWRI (2005) eq. D.5:
     * {@code sin β24 = sin(0.85 + 0.3 φ sin(2πJ/365 − 1.39) − 0.42 φ²)}, at least 0.1 as Ref-ET bounds it.
     *
     * @param latitudeRadians φ (rad)
     * @param dayOfYear       J (1–366)
     * @return sin β24
     */
    public static double sineOfSunElevationDaily(double latitudeRadians, int dayOfYear) {
        double s = Math.sin(0.85 + 0.3 * latitudeRadians * Math.sin(2.0 * Math.PI * dayOfYear / 365.0 - 1.39)
                - 0.42 * latitudeRadians * latitudeRadians);
        return Math.max(s, 0.1);
    }

    /**
     * Cloudiness function, ASCE-EWRI (2005) eq. 18 (daily) and 45 (hourly):
     * {@code fcd = 1.35 Rs/Rso − 0.35} with Rs/Rso clipped to 0.3–1.0; 1 when Rso = 0.
     *
     * @param solar    Rs (MJ m⁻² per period)
     * @param clearSky Rso (MJ m⁻² per period)
     * @return fcd, in [0.055, 1]
     */
    public static double cloudiness(double solar, double clearSky) {
        if (!(clearSky > 0.0)) {
            return 1.0;
        }
        return 1.35 * Math.max(0.3, Math.min(1.0, solar / clearSky)) - 0.35;
    }

    /**
     * The standardized reference evapotranspiration, ASCE-EWRI (2005) eq. 1:
     * {@code ETsz = [0.408 Δ (Rn − G) + γ Cn/(T + 273) u2 (es − ea)] / [Δ + γ (1 + Cd u2)]}.
     *
     * @param slope         Δ (kPa °C⁻¹), eq. 5
     * @param psychrometric γ (kPa °C⁻¹), eq. 4
     * @param netRadiation  Rn (MJ m⁻² per period), eq. 15
     * @param soilHeatFlux  G (MJ m⁻² per period)
     * @param temperatureCelsius T (°C)
     * @param windSpeed2m   u2 (m/s)
     * @param vapourPressureDeficit es − ea (kPa)
     * @param cn numerator constant (Table 1)
     * @param cd denominator constant (Table 1)
     * @return ETsz (mm per period)
     */
    public static double standardized(double slope, double psychrometric, double netRadiation, double soilHeatFlux,
                                      double temperatureCelsius, double windSpeed2m, double vapourPressureDeficit,
                                      double cn, double cd) {
        return (0.408 * slope * (netRadiation - soilHeatFlux)
                + psychrometric * cn / (temperatureCelsius + 273.0) * windSpeed2m * vapourPressureDeficit)
                / (slope + psychrometric * (1.0 + cd * windSpeed2m));
    }

    // ----------------------------------------------------------------------------------------------- daily

    /**
     * ETos or ETrs of one day (mm d⁻¹), G = 0.
     *
     * @param station the station
     * @param weather the day
     * @return the result, method {@link ReferenceCrop#methodId()}
     * @throws EtoException on invalid input in strict mode
     */
    public EtoResult daily(Station station, DailyWeather weather) {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(weather, "weather");
        return dailyRow(station, -1, weather);
    }

    /**
     * ETos or ETrs of a series of days; error rows are list indices.
     *
     * @param station the station
     * @param days    the days
     * @return one result per day
     * @throws EtoException on the first invalid row in strict mode
     */
    public List<EtoResult> daily(Station station, List<DailyWeather> days) {
        Objects.requireNonNull(station, "station");
        List<EtoResult> out = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            out.add(dailyRow(station, i, days.get(i)));
        }
        return out;
    }

    private EtoResult dailyRow(Station station, int row, DailyWeather w) {
        String method = crop.methodId();
        try {
            int doy = w.date().getDayOfYear();
            double phi = station.latitudeRadians();
            double z = station.elevationMetres();
            double ra = extraterrestrialDaily(profile, phi, doy);
            double ws = SolarGeometry.sunsetHourAngle(phi, profile.declination(doy));
            double daylight = SolarGeometry.daylightHours(ws);
            Qc.required("tmax", w.tmax(), row, method);
            Qc.required("tmin", w.tmin(), row, method);
            WeatherChecks.daily(row, ra, daylight, w.tmax(), w.tmin(), w.tmean(), w.rhMax(), w.rhMin(), w.rhMean(),
                    w.tdew(), w.ea(), w.windSpeed(), w.u2(), w.rs(), w.sunshineHours());
            long f = 0;
            double t = (w.tmax() + w.tmin()) / 2.0;
            double p = profile.pressureKilopascals(z);
            double gamma = PSYCHROMETRIC_COEFFICIENT * p;
            double es = VapourPressure.meanSaturation(w.tmax(), w.tmin());
            double ea;
            if (!Double.isNaN(w.ea())) {
                ea = w.ea();
            } else if (!Double.isNaN(w.tdew())) {
                ea = VapourPressure.actualFromDewPoint(w.tdew());
            } else if (!Double.isNaN(w.rhMax()) && !Double.isNaN(w.rhMin())) {
                ea = VapourPressure.actualFromRhMaxMin(w.tmin(), w.tmax(), w.rhMax(), w.rhMin());
            } else if (!Double.isNaN(w.rhMax())) {
                ea = VapourPressure.actualFromRhMax(w.tmin(), w.rhMax());
            } else if (!Double.isNaN(w.rhMean())) {
                ea = VapourPressure.actualFromRhMean(w.tmin(), w.tmax(), w.rhMean());
            } else {
                ea = VapourPressure.actualFromTmin(w.tmin(), aridTminOffset);
                f |= EstimateFlag.EA_FROM_TMIN.bit();
            }
            double u2 = windAt2m(station, w.u2(), w.windSpeed());
            f |= windFlags(station, w.u2(), w.windSpeed());
            double rs;
            if (!Double.isNaN(w.rs())) {
                rs = w.rs();
            } else if (!Double.isNaN(w.sunshineHours())) {
                rs = Radiation.solarFromSunshine(Math.min(w.sunshineHours(), daylight), daylight, ra,
                        Radiation.ANGSTROM_AS, Radiation.ANGSTROM_BS);
                f |= EstimateFlag.RS_FROM_SUNSHINE.bit();
            } else {
                rs = Radiation.solarFromTemperatureRange(w.tmax(), w.tmin(), ra, kRs);
                f |= EstimateFlag.RS_FROM_TEMPERATURE_RANGE.bit();
            }
            double rso = clearSky == AsceClearSky.SIMPLE ? Radiation.clearSky(z, ra)
                    : clearSkyFull(ra, ea, p, sineOfSunElevationDaily(phi, doy));
            f |= ratioFlags(rs, rso);
            double fcd = cloudiness(rs, rso);
            double tx = w.tmax() + KELVIN_OFFSET;
            double tn = w.tmin() + KELVIN_OFFSET;
            double rnl = STEFAN_BOLTZMANN_DAILY * fcd * (0.34 - 0.14 * Math.sqrt(ea))
                    * 0.5 * (tx * tx * tx * tx + tn * tn * tn * tn);
            double rns = NET_SHORTWAVE_FACTOR * rs;
            double rn = rns - rnl;
            double delta = profile.slope(t);
            double vpd = Math.max(es - ea, 0.0);
            double et = standardized(delta, gamma, rn, 0.0, t, u2, vpd, crop.dailyCn(), crop.dailyCd());
            if (Double.isNaN(w.tmean())) {
                f |= EstimateFlag.TMEAN_FROM_EXTREMES.bit();
            }
            return result(et, method, f, ra, rso, rs, fcd, rns, rnl, rn, 0.0, t, delta, gamma, es, ea, u2, p);
        } catch (EtoException e) {
            return invalid(method, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- hourly

    /**
     * ETos or ETrs of a series of hours (mm h⁻¹), in increasing time order (under
     * {@link AsceLowSun#CARRY_FORWARD} and {@link AsceLowSun#REF_ET} the low-sun fcd depends on the earlier
     * hours; the first hours of the series, before the first high-sun hour, use the rule's starting value).
     *
     * @param station the station; its longitude is required
     * @param hours   the hours, in increasing order
     * @return one result per hour
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
     * ETos or ETrs of one hour on its own (mm h⁻¹), as the first hour of a series: at low sun fcd is the
     * starting value of {@link AsceLowSun} (1, or 0.595 under {@link AsceLowSun#REF_ET}), since there is no
     * earlier hour to carry from.
     *
     * @param station the station; its longitude is required
     * @param hour    the hour
     * @return the result
     * @throws EtoException {@link ErrorCode#MISSING_INPUT} without longitude; invalid input in strict mode
     */
    public EtoResult hourly(Station station, HourlyWeather hour) {
        requireLongitude(station);
        Objects.requireNonNull(hour, "hour");
        return hourRow(station, -1, hour, new double[] {Double.NaN});
    }

    /**
     * Starts a stateful hourly series, for streaming: feed the hours one by one in increasing time order.
     *
     * @param station the station; its longitude is required
     * @return a new series (not thread-safe)
     * @throws EtoException {@link ErrorCode#MISSING_INPUT} (field {@code longitude}) without longitude
     */
    public HourlySeries hourlySeries(Station station) {
        requireLongitude(station);
        return new HourlySeries(station);
    }

    /**
     * An hourly series in progress: carries the last time stamp and the last high-sun fcd. Row indices of
     * errors count the hours fed so far (from 0). Not thread-safe.
     */
    public final class HourlySeries {
        private final Station station;
        private final double[] carriedFcd = {Double.NaN};
        private Instant previous;
        private int previousRow = -1;
        private int row;

        private HourlySeries(Station station) {
            this.station = station;
        }

        /**
         * Computes the next hour.
         *
         * @param hour the hour, later than the previous one
         * @return its result (mm h⁻¹)
         * @throws EtoException on invalid input in strict mode ({@link ErrorCode#DUPLICATE_TIMESTAMP} or
         *                      {@link ErrorCode#TIMESTAMP_OUT_OF_ORDER}, field {@code datetime}, for a stamp not
         *                      after the previous one)
         */
        public EtoResult next(HourlyWeather hour) {
            Objects.requireNonNull(hour, "hour");
            int i = row++;
            Instant instant = hour.time().toInstant();
            if (previous != null && !instant.isAfter(previous)) {
                EtoException e = instant.equals(previous)
                        ? new EtoException(ErrorCode.DUPLICATE_TIMESTAMP, "datetime", i, "datetime",
                        hour.time().toString(), previousRow)
                        : new EtoException(ErrorCode.TIMESTAMP_OUT_OF_ORDER, "datetime", i, "datetime",
                        hour.time().toString());
                return invalid(crop.methodId(), e);
            }
            previous = instant;
            previousRow = i;
            return hourRow(station, i, hour, carriedFcd);
        }

        /** The number of hours fed so far. */
        public int rows() {
            return row;
        }
    }

    private void requireLongitude(Station station) {
        Objects.requireNonNull(station, "station");
        if (!station.hasLongitude()) {
            throw new EtoException(ErrorCode.MISSING_INPUT, "longitude", -1, "longitude", crop.methodId());
        }
    }

    private EtoResult hourRow(Station station, int row, HourlyWeather h, double[] carriedFcd) {
        String method = crop.methodId();
        try {
            WeatherChecks.hourly(row, method, h.t(), h.rh(), h.tdew(), h.ea(), h.windSpeed(), h.u2(), h.rs());
            Duration half = Duration.ofMinutes(30);
            OffsetDateTime mid = timeStampConvention == TimeStampConvention.PERIOD_START
                    ? h.time().plus(half) : h.time().minus(half);
            LocalDateTime local = mid.toLocalDateTime();
            int doy = local.getDayOfYear();
            double clock = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
            double lz = -mid.getOffset().getTotalSeconds() / 240.0;
            double phi = station.latitudeRadians();
            double omega = hourAngle(clock, lz, -station.longitudeDegrees(), doy);
            double delta = profile.declination(doy);
            double ra = extraterrestrialHourly(profile, phi, doy, omega);
            double sinBeta = SolarGeometry.sineOfSunElevation(phi, delta, omega);
            double temp = h.t();
            double p = profile.pressureKilopascals(station.elevationMetres());
            double gamma = PSYCHROMETRIC_COEFFICIENT * p;
            double es = VapourPressure.saturation(temp);
            double ea;
            if (!Double.isNaN(h.ea())) {
                ea = h.ea();
            } else if (!Double.isNaN(h.tdew())) {
                ea = VapourPressure.actualFromDewPoint(h.tdew());
            } else {
                ea = VapourPressure.actualFromRelativeHumidity(temp, h.rh());
            }
            long f = windFlags(station, h.u2(), h.windSpeed());
            double u2 = windAt2m(station, h.u2(), h.windSpeed());
            double rso = clearSky == AsceClearSky.SIMPLE ? Radiation.clearSky(station.elevationMetres(), ra)
                    : clearSkyFull(ra, ea, p, sinBeta);
            double fcd;
            if (lowSun(phi, delta, betaTime == AsceBetaTime.PERIOD_START
                    ? hourAngle(clock - 0.5, lz, -station.longitudeDegrees(), doy) : omega)) {
                // ASCE-EWRI (2005), text with eq. 45: Rs/Rso is unreliable at low sun; AsceLowSun says what
                // replaces it.
                fcd = switch (lowSun) {
                    case UNITY -> 1.0;
                    case CARRY_FORWARD -> Double.isNaN(carriedFcd[0]) ? 1.0 : carriedFcd[0];
                    case REF_ET -> Double.isNaN(carriedFcd[0])
                            ? 1.35 * REF_ET_INITIAL_RS_RSO - 0.35 : carriedFcd[0];
                };
                f |= EstimateFlag.NIGHT_RS_RSO_ASSUMED.bit();
            } else {
                fcd = cloudiness(h.rs(), rso);
                f |= ratioFlags(h.rs(), rso);
                carriedFcd[0] = fcd;
            }
            double tk = temp + KELVIN_OFFSET;
            double rnl = STEFAN_BOLTZMANN_HOURLY * fcd * (0.34 - 0.14 * Math.sqrt(ea)) * tk * tk * tk * tk;
            double rns = NET_SHORTWAVE_FACTOR * h.rs();
            double rn = rns - rnl;
            boolean day = rn >= 0.0;
            double g = (day ? crop.hourlySoilHeatFluxDay() : crop.hourlySoilHeatFluxNight()) * rn;
            double cd = day ? crop.hourlyCdDay() : crop.hourlyCdNight();
            double slope = profile.slope(temp);
            double et = standardized(slope, gamma, rn, g, temp, u2, Math.max(es - ea, 0.0), hourlyCn.cn(crop), cd);
            return result(et, method, f, ra, rso, h.rs(), fcd, rns, rnl, rn, g, temp, slope, gamma, es, ea, u2, p);
        } catch (EtoException e) {
            return invalid(method, e);
        }
    }

    /**
     * Whether the sun is low for the fcd rule: β = asin(sin β) of ASCE-EWRI (2005) eq. 62 below
     * {@link #LOW_SUN_ELEVATION_RADIANS}, at the hour angle {@link AsceBetaTime} picks.
     */
    private static boolean lowSun(double phi, double delta, double hourAngle) {
        double sinBeta = SolarGeometry.sineOfSunElevation(phi, delta, hourAngle);
        return Math.asin(Math.max(-1.0, Math.min(1.0, sinBeta))) < LOW_SUN_ELEVATION_RADIANS;
    }

    // -------------------------------------------------------------------------------------------- plumbing

    private double windAt2m(Station station, double u2, double uz) {
        if (!Double.isNaN(u2)) {
            return u2;
        }
        if (!Double.isNaN(uz)) {
            return Wind.toTwoMetres(uz, station.windHeightMetres());
        }
        return defaultWindSpeed;
    }

    private static long windFlags(Station station, double u2, double uz) {
        if (!Double.isNaN(u2)) {
            return 0L;
        }
        if (!Double.isNaN(uz)) {
            return station.windHeightMetres() != Wind.STANDARD_HEIGHT_METRES ? EstimateFlag.WIND_FROM_HEIGHT.bit() : 0L;
        }
        return EstimateFlag.WIND_DEFAULT.bit();
    }

    private static long ratioFlags(double rs, double rso) {
        if (!(rso > 0.0)) {
            return EstimateFlag.POLAR_NIGHT.bit();
        }
        double r = rs / rso;
        return r < 0.3 || r > 1.0 ? EstimateFlag.RS_RSO_BOUNDED.bit() : 0L;
    }

    private EtoResult result(double et, String method, long flags, double ra, double rso, double rs, double fcd,
                             double rns, double rnl, double rn, double g, double t, double delta, double gamma,
                             double es, double ea, double u2, double p) {
        if (et < 0.0 && negativeEtoPolicy == NegativeEtoPolicy.CLIP_AT_ZERO) {
            et = 0.0;
        }
        Optional<Intermediates> inter = intermediates
                ? Optional.of(new Intermediates(ra, rso, rs, (fcd + 0.35) / 1.35, rns, rnl, rn, g, t, delta, gamma, es,
                ea, u2, p))
                : Optional.empty();
        return new EtoResult(et, method, EstimateFlag.fromMask(flags), inter, Optional.empty());
    }

    private EtoResult invalid(String method, EtoException e) {
        if (validation == ValidationMode.STRICT) {
            throw e;
        }
        return new EtoResult(Double.NaN, method, EnumSet.of(EstimateFlag.INVALID_ROW), Optional.empty(),
                Optional.of(e));
    }

    @Override
    public String toString() {
        return "AsceEwri{profile=" + profile + ", crop=" + crop + ", clearSky=" + clearSky + ", lowSun=" + lowSun
                + ", betaTime=" + betaTime + ", hourlyCn=" + hourlyCn + ", kRs=" + kRs
                + ", aridTminOffset=" + aridTminOffset + ", defaultWind=" + defaultWindSpeed + ", timeStamp="
                + timeStampConvention + ", negativeEto=" + negativeEtoPolicy + ", validation=" + validation
                + ", intermediates=" + intermediates + '}';
    }

    /**
     * The one builder of {@link AsceEwri}. Setters do not validate; {@link #build()} does, with
     * {@link ErrorCode#INVALID_OPTION} naming the option, the value and the accepted range.
     */
    public static final class Builder {
        private AsceProfile profile = AsceProfile.ASCE;
        private ReferenceCrop crop = ReferenceCrop.SHORT;
        private AsceClearSky clearSky;
        private AsceLowSun lowSun;
        private AsceBetaTime betaTime;
        private AsceHourlyCn hourlyCn;
        private double kRs = Radiation.KRS_INTERIOR;
        private double aridTminOffset = 0.0;
        private double defaultWindSpeed = Wind.DEFAULT_WIND_SPEED_METRES_PER_SECOND;
        private TimeStampConvention timeStampConvention = TimeStampConvention.PERIOD_START;
        private NegativeEtoPolicy negativeEtoPolicy = NegativeEtoPolicy.KEEP;
        private ValidationMode validation = ValidationMode.STRICT;
        private boolean intermediates;

        private Builder() {
        }

        /**
         * The constants profile. Default {@link AsceProfile#ASCE}.
         *
         * @param value the profile
         * @return this builder
         */
        public Builder profile(AsceProfile value) {
            this.profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        /**
         * The reference crop. Default {@link ReferenceCrop#SHORT} (ETos).
         *
         * @param value the crop
         * @return this builder
         */
        public Builder crop(ReferenceCrop value) {
            this.crop = Objects.requireNonNull(value, "crop");
            return this;
        }

        /**
         * The clear-sky model. Default: the profile's ({@link AsceProfile#defaultClearSky()}).
         *
         * @param value the model
         * @return this builder
         */
        public Builder clearSky(AsceClearSky value) {
            this.clearSky = Objects.requireNonNull(value, "clearSky");
            return this;
        }

        /**
         * The hourly fcd at low sun (β &lt; 0.3 rad). Default: the profile's ({@link AsceProfile#defaultLowSun()}:
         * {@link AsceLowSun#CARRY_FORWARD} for ASCE, {@link AsceLowSun#REF_ET} for REF_ET).
         *
         * @param value the rule
         * @return this builder
         */
        public Builder lowSun(AsceLowSun value) {
            this.lowSun = Objects.requireNonNull(value, "lowSun");
            return this;
        }

        /**
         * When in the hour β is evaluated for the low-sun test. Default: the profile's
         * ({@link AsceProfile#defaultBetaTime()}: middle for ASCE, start for REF_ET).
         *
         * @param value the time
         * @return this builder
         */
        public Builder betaTime(AsceBetaTime value) {
            this.betaTime = Objects.requireNonNull(value, "betaTime");
            return this;
        }

        /**
         * The hourly Cn. Default: the profile's ({@link AsceProfile#defaultHourlyCn()}: Table 1 for ASCE, Ref-ET's
         * for REF_ET).
         *
         * @param value the constants
         * @return this builder
         */
        public Builder hourlyCn(AsceHourlyCn value) {
            this.hourlyCn = Objects.requireNonNull(value, "hourlyCn");
            return this;
        }

        /**
         * kRs of the temperature-range estimate of Rs (ASCE-EWRI Appendix E, FAO-56 eq. 50). Default 0.16.
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
         * Tdew = Tmin − offset when humidity is missing (ASCE-EWRI Appendix E). Default 0. Accepted 0–10 °C.
         *
         * @param celsius the offset (°C)
         * @return this builder
         */
        public Builder aridTminOffsetCelsius(double celsius) {
            this.aridTminOffset = celsius;
            return this;
        }

        /**
         * Wind speed at 2 m used when wind is missing. Default 2 m/s. Accepted 0–20 m/s.
         *
         * @param metresPerSecond the speed
         * @return this builder
         */
        public Builder defaultWindSpeed(double metresPerSecond) {
            this.defaultWindSpeed = metresPerSecond;
            return this;
        }

        /**
         * Meaning of hourly time stamps. Default {@link TimeStampConvention#PERIOD_START}.
         *
         * @param value the convention
         * @return this builder
         */
        public Builder timeStampConvention(TimeStampConvention value) {
            this.timeStampConvention = Objects.requireNonNull(value, "timeStampConvention");
            return this;
        }

        /**
         * What to do with negative ET. Default {@link NegativeEtoPolicy#KEEP}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder negativeEtoPolicy(NegativeEtoPolicy value) {
            this.negativeEtoPolicy = Objects.requireNonNull(value, "negativeEtoPolicy");
            return this;
        }

        /**
         * Strict or lenient validation. Default {@link ValidationMode#STRICT}.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder validation(ValidationMode value) {
            this.validation = Objects.requireNonNull(value, "validation");
            return this;
        }

        /**
         * Whether results carry {@link Intermediates} (relativeShortwave is the clipped Rs/Rso, or 1 when
         * fcd was set to 1). Default false.
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
         * @throws EtoException {@link ErrorCode#INVALID_OPTION}
         */
        public AsceEwri build() {
            Options.check("kRs", kRs, 0.1, 0.3);
            Options.check("aridTminOffsetCelsius", aridTminOffset, 0.0, 10.0);
            Options.check("defaultWindSpeed", defaultWindSpeed, 0.0, 20.0);
            return new AsceEwri(this);
        }
    }
}
