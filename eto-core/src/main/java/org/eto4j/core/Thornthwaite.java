package org.eto4j.core;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Thornthwaite (1948), monthly: {@code PET = 16 (L/12)(d/30)(10 T/I)^a} mm per month for 0 &lt; T &lt; 26.5 °C,
 * where I = Σ (Tᵢ/5)^1.514 over the twelve monthly mean temperatures above 0 °C (the heat index),
 * {@code a = 6.75e-7 I³ − 7.71e-5 I² + 1.792e-2 I + 0.49239}, L the day length of the month and d its number of
 * days. L is by default FAO-56 eq. 34 on the month's 15th day ({@link DayLength#MID_MONTH}, as FAO-56 takes a
 * month's Ra); {@link DayLength#MONTH_MEAN} averages eq. 34 over every day of the month, as PyETo does. At or
 * above 26.5 °C the unadjusted value follows Thornthwaite's table as fitted by Willmott et al. (1985):
 * {@code −415.85 + 32.24 T − 0.43 T²}; at or below 0 °C it is 0.
 * Latent heat: none (empirical).
 *
 * <p>Results are, like {@link Fao56#monthly(Station, List)}, the month's <em>mean daily</em> value in
 * mm d⁻¹ (the monthly total divided by d). The heat index is the station's climate: by default it is computed
 * from the mean temperature of each calendar month over the whole series given (which must cover all twelve),
 * or it can be fixed with {@link #withHeatIndex(double)}.
 *
 * @param coefficient the 16 mm per month of the formula; accepted 0–100
 * @param heatIndex   a fixed heat index I, or NaN to compute it from the series; accepted 0.01–500
 * @param dayLength   how L is taken for a month
 */
public record Thornthwaite(double coefficient, double heatIndex, DayLength dayLength) {
    /** Method id. */
    public static final String ID = "thornthwaite";

    /** How the day length L of a month is obtained from FAO-56 eq. 34 (with eq. 24 and 25). */
    public enum DayLength {
        /** Eq. 34 on the 15th day of the month; the default. */
        MID_MONTH,
        /**
         * The mean of eq. 34 over every day of the month (PyETo's {@code monthly_mean_daylight_hours}); differs
         * from {@link #MID_MONTH} by at most about 0.07 h at 45°, 0.11 h at 57° and 0.19 h at 65° latitude.
         */
        MONTH_MEAN
    }

    /** Validates the coefficients. */
    public Thornthwaite {
        Options.check("coefficient", coefficient, 0.0, 100.0);
        if (!Double.isNaN(heatIndex)) {
            Options.check("heatIndex", heatIndex, 0.01, 500.0);
        }
        Objects.requireNonNull(dayLength, "dayLength");
    }

    /**
     * The method with L on the 15th day of each month.
     *
     * @param coefficient the 16 mm per month of the formula; accepted 0–100
     * @param heatIndex   a fixed heat index I, or NaN to compute it from the series; accepted 0.01–500
     */
    public Thornthwaite(double coefficient, double heatIndex) {
        this(coefficient, heatIndex, DayLength.MID_MONTH);
    }

    /**
     * Coefficient 16, heat index from the series.
     *
     * @return the method
     */
    public static Thornthwaite standard() {
        return new Thornthwaite(16.0, Double.NaN, DayLength.MID_MONTH);
    }

    /**
     * This method with a fixed heat index.
     *
     * @param value I
     * @return a new method
     */
    public Thornthwaite withHeatIndex(double value) {
        return new Thornthwaite(coefficient, value, dayLength);
    }

    /**
     * This method with another day-length convention.
     *
     * @param value how L is taken
     * @return a new method
     */
    public Thornthwaite withDayLength(DayLength value) {
        return new Thornthwaite(coefficient, heatIndex, value);
    }

    /**
     * The day length L of a month under this method's convention.
     *
     * @param latitudeRadians latitude φ (rad)
     * @param month           the month
     * @return L (h)
     */
    public double dayLengthHours(double latitudeRadians, YearMonth month) {
        if (dayLength == DayLength.MID_MONTH) {
            return daylight(latitudeRadians, month.atDay(15).getDayOfYear());
        }
        int first = month.atDay(1).getDayOfYear();
        double sum = 0.0;
        for (int d = 0; d < month.lengthOfMonth(); d++) {
            sum += daylight(latitudeRadians, first + d);
        }
        return sum / month.lengthOfMonth();
    }

    private static double daylight(double phi, int dayOfYear) {
        return SolarGeometry.daylightHours(SolarGeometry.sunsetHourAngle(phi, SolarGeometry.declination(dayOfYear)));
    }

    /**
     * The heat index {@code I = Σ (Tᵢ/5)^1.514} over monthly means above 0 °C.
     *
     * @param monthlyMeansCelsius the twelve monthly mean temperatures (°C)
     * @return I
     */
    public static double heatIndex(double[] monthlyMeansCelsius) {
        double sum = 0.0;
        for (double t : monthlyMeansCelsius) {
            if (t > 0.0) {
                sum += Math.pow(t / 5.0, 1.514);
            }
        }
        return sum;
    }

    /**
     * The exponent {@code a = 6.75e-7 I³ − 7.71e-5 I² + 1.792e-2 I + 0.49239}.
     *
     * @param heatIndex I
     * @return a
     */
    public static double exponent(double heatIndex) {
        return 6.75e-7 * heatIndex * heatIndex * heatIndex - 7.71e-5 * heatIndex * heatIndex
                + 1.792e-2 * heatIndex + 0.49239;
    }

    /**
     * Unadjusted PET of a 30-day month with 12-hour days (mm per month).
     *
     * @param t         monthly mean temperature (°C)
     * @param heatIndex I
     * @return PET (mm per month), ≥ 0
     */
    public double unadjusted(double t, double heatIndex) {
        if (t <= 0.0) {
            return 0.0;
        }
        if (t >= 26.5) {
            return -415.85 + 32.24 * t - 0.43 * t * t;
        }
        return coefficient * Math.pow(10.0 * t / heatIndex, exponent(heatIndex));
    }

    /**
     * PET of a series of months, as the mean daily value of each month (mm d⁻¹).
     *
     * @param station the station (its latitude gives L)
     * @param months  the months; each needs tmean or tmax and tmin
     * @return one result per month
     * @throws EtoException on invalid input; {@link ErrorCode#MISSING_INPUT} (field {@code tmean}) when a month
     *                      lacks a temperature or, without a fixed heat index, a calendar month is absent
     */
    public List<EtoResult> monthly(Station station, List<MonthlyWeather> months) {
        Objects.requireNonNull(station, "station");
        double phi = station.latitudeRadians();
        double[] t = new double[months.size()];
        double[] sum = new double[12];
        int[] count = new int[12];
        for (int i = 0; i < months.size(); i++) {
            MonthlyWeather m = months.get(i);
            int doy = m.month().atDay(15).getDayOfYear();
            double ra = Radiation.extraterrestrialDaily(phi, doy);
            WeatherChecks.daily(i, ra, 24.0, m.tmax(), m.tmin(), m.tmean(), m.rhMax(), m.rhMin(), m.rhMean(),
                    m.tdew(), m.ea(), m.windSpeed(), m.u2(), m.rs(), m.sunshineHours());
            t[i] = !Double.isNaN(m.tmean()) ? m.tmean() : (m.tmax() + m.tmin()) / 2.0;
            if (Double.isNaN(t[i])) {
                throw new EtoException(ErrorCode.MISSING_INPUT, "tmean", i, "tmean", ID);
            }
            sum[m.month().getMonthValue() - 1] += t[i];
            count[m.month().getMonthValue() - 1]++;
        }
        double index = heatIndex;
        if (Double.isNaN(index)) {
            double[] climate = new double[12];
            for (int k = 0; k < 12; k++) {
                if (count[k] == 0) {
                    throw new EtoException(ErrorCode.MISSING_INPUT, "tmean", -1, "tmean", ID);
                }
                climate[k] = sum[k] / count[k];
            }
            index = heatIndex(climate);
        }
        List<EtoResult> out = new ArrayList<>(months.size());
        for (int i = 0; i < months.size(); i++) {
            MonthlyWeather m = months.get(i);
            YearMonth ym = m.month();
            double hours = dayLengthHours(phi, ym);
            int days = ym.lengthOfMonth();
            double total = index > 0.0 ? unadjusted(t[i], index) * hours / 12.0 * days / 30.0 : 0.0;
            Set<EstimateFlag> flags = Double.isNaN(m.tmean())
                    ? EnumSet.of(EstimateFlag.TMEAN_FROM_EXTREMES) : EnumSet.noneOf(EstimateFlag.class);
            out.add(new EtoResult(total / days, ID, flags, Optional.empty(), Optional.empty()));
        }
        return out;
    }
}
