package org.eto4j.core;

/**
 * Radiation terms of FAO-56 chapter 3 (eq. 21, 28, 35–40 and 50).
 *
 * <p>Energy fluxes in MJ m⁻² per period (per day for daily functions, per hour for hourly ones), temperatures
 * in °C, vapour pressure in kPa. Polar night (Ra = 0) is defined: Ra and Rso are 0, never NaN.
 */
public final class Radiation {

    /** Solar constant Gsc = 0.0820 MJ m⁻² min⁻¹ (FAO-56 eq. 21). */
    public static final double SOLAR_CONSTANT = 0.0820;

    /** Albedo of the hypothetical grass reference crop, 0.23 (FAO-56 eq. 38). */
    public static final double ALBEDO_REFERENCE_GRASS = 0.23;

    /** Stefan-Boltzmann constant per day, 4.903e-9 MJ K⁻⁴ m⁻² d⁻¹ (FAO-56 eq. 39). */
    public static final double STEFAN_BOLTZMANN_DAILY = 4.903e-9;

    /**
     * Stefan-Boltzmann constant per hour, the daily constant divided by 24 (FAO-56 prints it rounded as
     * 2.043e-10 MJ K⁻⁴ m⁻² h⁻¹ with eq. 53); the unrounded quotient reproduces the full-precision
     * recomputation of example 19.
     */
    public static final double STEFAN_BOLTZMANN_HOURLY = STEFAN_BOLTZMANN_DAILY / 24.0;

    /** Offset from °C to K used by FAO-56 eq. 39: 273.16. */
    public static final double KELVIN_OFFSET_FAO56 = 273.16;

    /** Ångström regression constant as (fraction of Ra reaching the earth on overcast days), 0.25 (FAO-56 eq. 35). */
    public static final double ANGSTROM_AS = 0.25;

    /** Ångström regression constant bs, 0.50 (FAO-56 eq. 35); as + bs is the clear-day fraction. */
    public static final double ANGSTROM_BS = 0.50;

    /** Hargreaves radiation adjustment coefficient for interior locations, 0.16 °C^-0.5 (FAO-56 eq. 50). */
    public static final double KRS_INTERIOR = 0.16;

    /** Hargreaves radiation adjustment coefficient for coastal locations, 0.19 °C^-0.5 (FAO-56 eq. 50). */
    public static final double KRS_COASTAL = 0.19;

    private Radiation() {
    }

    /**
     * Extraterrestrial radiation for a day, FAO-56 eq. 21:
     * {@code Ra = 24·60/π Gsc dr [ωs sin φ sin δ + cos φ cos δ sin ωs]}, with dr (eq. 23), δ (eq. 24) and ωs
     * (eq. 25) from {@link SolarGeometry}. Polar night gives 0.
     *
     * @param latitudeRadians latitude φ (rad), −π/2 to π/2
     * @param dayOfYear       J (1–366)
     * @return Ra (MJ m⁻² d⁻¹), ≥ 0
     */
    public static double extraterrestrialDaily(double latitudeRadians, int dayOfYear) {
        double dr = SolarGeometry.inverseRelativeDistance(dayOfYear);
        double delta = SolarGeometry.declination(dayOfYear);
        double ws = SolarGeometry.sunsetHourAngle(latitudeRadians, delta);
        double ra = 24.0 * 60.0 / Math.PI * SOLAR_CONSTANT * dr
                * (ws * Math.sin(latitudeRadians) * Math.sin(delta)
                + Math.cos(latitudeRadians) * Math.cos(delta) * Math.sin(ws));
        return Math.max(0.0, ra);
    }

    /**
     * Extraterrestrial radiation for a period shorter than a day, FAO-56 eq. 28:
     * {@code Ra = 12·60/π Gsc dr [(ω2 − ω1) sin φ sin δ + cos φ cos δ (sin ω2 − sin ω1)]}.
     * As FAO-56 prescribes, ω1 and ω2 are clamped to [−ωs, ωs] (the sun is below the horizon outside);
     * a period wholly outside gives 0. The angles must lie within [−π, π] apart from a period crossing
     * solar midnight; for that case use {@link #extraterrestrialForPeriod}.
     *
     * @param latitudeRadians latitude φ (rad)
     * @param dayOfYear       J (1–366)
     * @param startAngleRadians ω1 (rad), eq. 29
     * @param endAngleRadians   ω2 (rad), eq. 30, ≥ ω1
     * @return Ra (MJ m⁻² per period), ≥ 0
     */
    public static double extraterrestrialPeriod(double latitudeRadians, int dayOfYear,
                                                double startAngleRadians, double endAngleRadians) {
        double delta = SolarGeometry.declination(dayOfYear);
        double ws = SolarGeometry.sunsetHourAngle(latitudeRadians, delta);
        double w1 = Math.max(-ws, Math.min(ws, startAngleRadians));
        double w2 = Math.max(-ws, Math.min(ws, endAngleRadians));
        if (w2 <= w1) {
            return 0.0;
        }
        double dr = SolarGeometry.inverseRelativeDistance(dayOfYear);
        double ra = 12.0 * 60.0 / Math.PI * SOLAR_CONSTANT * dr
                * ((w2 - w1) * Math.sin(latitudeRadians) * Math.sin(delta)
                + Math.cos(latitudeRadians) * Math.cos(delta) * (Math.sin(w2) - Math.sin(w1)));
        return Math.max(0.0, ra);
    }

    /**
     * Extraterrestrial radiation for a period centred on solar time angle ω, FAO-56 eq. 28–30: the
     * midpoint angle is wrapped into [−π, π) and a period that crosses solar midnight is split, so the
     * result is right at any longitude, time zone and latitude (including midnight sun).
     *
     * @param latitudeRadians      latitude φ (rad)
     * @param dayOfYear            J (1–366)
     * @param midpointAngleRadians ω at the midpoint (rad), eq. 31, any value
     * @param periodHours          t1 (hours), in (0, 24]
     * @return Ra (MJ m⁻² per period), ≥ 0
     */
    public static double extraterrestrialForPeriod(double latitudeRadians, int dayOfYear,
                                                   double midpointAngleRadians, double periodHours) {
        double w = SolarGeometry.wrapAngle(midpointAngleRadians);
        double w1 = SolarGeometry.periodStartAngle(w, periodHours);
        double w2 = SolarGeometry.periodEndAngle(w, periodHours);
        double ra = extraterrestrialPeriod(latitudeRadians, dayOfYear, w1, w2);
        if (w1 < -Math.PI) {
            ra += extraterrestrialPeriod(latitudeRadians, dayOfYear, w1 + 2.0 * Math.PI, Math.PI);
        }
        if (w2 > Math.PI) {
            ra += extraterrestrialPeriod(latitudeRadians, dayOfYear, -Math.PI, w2 - 2.0 * Math.PI);
        }
        return ra;
    }

    /**
     * Solar radiation from relative sunshine duration, Ångström formula, FAO-56 eq. 35:
     * {@code Rs = (as + bs n/N) Ra}. When N is 0 (polar night) Rs is 0.
     *
     * @param sunshineHours n, actual duration of sunshine (hours), 0 ≤ n ≤ N
     * @param daylightHours N, maximum possible duration of sunshine (hours), eq. 34
     * @param extraterrestrial Ra (MJ m⁻² d⁻¹)
     * @param as regression constant as, e.g. {@link #ANGSTROM_AS}
     * @param bs regression constant bs, e.g. {@link #ANGSTROM_BS}
     * @return Rs (MJ m⁻² d⁻¹)
     */
    public static double solarFromSunshine(double sunshineHours, double daylightHours, double extraterrestrial,
                                           double as, double bs) {
        if (daylightHours <= 0.0) {
            return 0.0;
        }
        return (as + bs * sunshineHours / daylightHours) * extraterrestrial;
    }

    /**
     * Clear-sky solar radiation with calibrated Ångström values, FAO-56 eq. 36: {@code Rso = (as + bs) Ra}.
     *
     * @param extraterrestrial Ra (MJ m⁻² per period)
     * @param as regression constant as
     * @param bs regression constant bs
     * @return Rso (MJ m⁻² per period)
     */
    public static double clearSkyFromAngstrom(double extraterrestrial, double as, double bs) {
        return (as + bs) * extraterrestrial;
    }

    /**
     * Clear-sky solar radiation from elevation, FAO-56 eq. 37: {@code Rso = (0.75 + 2·10⁻⁵ z) Ra}.
     *
     * @param elevationMetres  station elevation z (m)
     * @param extraterrestrial Ra (MJ m⁻² per period)
     * @return Rso (MJ m⁻² per period)
     */
    public static double clearSky(double elevationMetres, double extraterrestrial) {
        return (0.75 + 2e-5 * elevationMetres) * extraterrestrial;
    }

    /**
     * Net shortwave radiation, FAO-56 eq. 38: {@code Rns = (1 − α) Rs}.
     *
     * @param solar  Rs (MJ m⁻² per period)
     * @param albedo α, 0.23 for the reference grass ({@link #ALBEDO_REFERENCE_GRASS})
     * @return Rns (MJ m⁻² per period)
     */
    public static double netShortwave(double solar, double albedo) {
        return (1.0 - albedo) * solar;
    }

    /**
     * Net outgoing longwave radiation, FAO-56 eq. 39:
     * {@code Rnl = σ (Tmax,K⁴ + Tmin,K⁴)/2 (0.34 − 0.14 √ea) (1.35 Rs/Rso − 0.35)}.
     * The caller bounds Rs/Rso (FAO-56: ≤ 1.0). For an hourly period pass the hourly temperature twice and the
     * hourly σ.
     *
     * @param tmaxCelsius       maximum temperature (°C)
     * @param tminCelsius       minimum temperature (°C)
     * @param actualVapourPressure ea (kPa), ≥ 0
     * @param relativeShortwave Rs/Rso, already bounded
     * @param stefanBoltzmann   σ per period, e.g. {@link #STEFAN_BOLTZMANN_DAILY}
     * @param kelvinOffset      offset from °C to K, e.g. {@link #KELVIN_OFFSET_FAO56}
     * @return Rnl (MJ m⁻² per period)
     */
    public static double netLongwave(double tmaxCelsius, double tminCelsius, double actualVapourPressure,
                                     double relativeShortwave, double stefanBoltzmann, double kelvinOffset) {
        double tx = tmaxCelsius + kelvinOffset;
        double tn = tminCelsius + kelvinOffset;
        double tx2 = tx * tx;
        double tn2 = tn * tn;
        return stefanBoltzmann * (tx2 * tx2 + tn2 * tn2) / 2.0
                * (0.34 - 0.14 * Math.sqrt(actualVapourPressure))
                * (1.35 * relativeShortwave - 0.35);
    }

    /**
     * Net longwave radiation with FAO-56's daily constants (σ = 4.903e-9, T + 273.16), FAO-56 eq. 39.
     *
     * @param tmaxCelsius          maximum temperature (°C)
     * @param tminCelsius          minimum temperature (°C)
     * @param actualVapourPressure ea (kPa)
     * @param relativeShortwave    Rs/Rso, already bounded to ≤ 1.0
     * @return Rnl (MJ m⁻² d⁻¹)
     */
    public static double netLongwave(double tmaxCelsius, double tminCelsius, double actualVapourPressure,
                                     double relativeShortwave) {
        return netLongwave(tmaxCelsius, tminCelsius, actualVapourPressure, relativeShortwave,
                STEFAN_BOLTZMANN_DAILY, KELVIN_OFFSET_FAO56);
    }

    /**
     * Net radiation, FAO-56 eq. 40: {@code Rn = Rns − Rnl}.
     *
     * @param netShortwave Rns (MJ m⁻² per period)
     * @param netLongwave  Rnl (MJ m⁻² per period)
     * @return Rn (MJ m⁻² per period)
     */
    public static double netRadiation(double netShortwave, double netLongwave) {
        return netShortwave - netLongwave;
    }

    /**
     * Solar radiation from the temperature range, Hargreaves' radiation formula, FAO-56 eq. 50:
     * {@code Rs = kRs √(Tmax − Tmin) Ra}. A negative range is treated as 0.
     *
     * @param tmaxCelsius      maximum temperature (°C)
     * @param tminCelsius      minimum temperature (°C)
     * @param extraterrestrial Ra (MJ m⁻² d⁻¹)
     * @param kRs              adjustment coefficient, {@link #KRS_INTERIOR} or {@link #KRS_COASTAL} (0.1–0.3)
     * @return Rs (MJ m⁻² d⁻¹)
     */
    public static double solarFromTemperatureRange(double tmaxCelsius, double tminCelsius,
                                                   double extraterrestrial, double kRs) {
        return kRs * Math.sqrt(Math.max(0.0, tmaxCelsius - tminCelsius)) * extraterrestrial;
    }
}
