package org.eto4j.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.WeatherTable;

/**
 * Which daily mean temperature reaches the calculator when the input has a measured mean beside Tmax and Tmin
 * (a {@code tmean} column, NASA POWER's {@code T2M}, Open-Meteo's or MET Norway's daily mean). The same option,
 * with the same default, on every entry point of eto4j: {@link PointEto.Builder#tmean(TmeanRule)}, the
 * command-line tool's {@code --tmean extremes|measured} and the web app's calculation.
 *
 * <p><b>Default: {@link #FROM_EXTREMES}, FAO-56's standard.</b> FAO-56 (Allen et al. 1998, chapter 3, "Air
 * temperature", and eq. 9) defines the daily mean temperature of the Penman-Monteith equation, "for
 * standardization", as the mean of the daily maximum and minimum, (Tmax + Tmin)/2, "rather than as the average
 * of hourly temperature measurements"; ASCE-EWRI (2005, eq. 2) does the same. A gridded or station mean
 * (24 hourly values averaged) is usually a few tenths of a degree lower, which moves ETo by up to about
 * 0.03 mm day⁻¹ on NASA POWER data. eto-core itself uses a mean that a {@link DailyWeather} carries, so the
 * choice is made here, before eto-core sees the day.
 *
 * <p>Either way the result says which mean was used: eto-core flags {@link EstimateFlag#TMEAN_FROM_EXTREMES}
 * (token {@code tmean_from_extremes}) on every day computed from (Tmax + Tmin)/2, and on no day computed from a
 * measured mean.
 */
public enum TmeanRule {
    /**
     * (Tmax + Tmin)/2 whenever both extremes are given, as FAO-56 standardises; a measured mean is passed on only
     * for a day without both extremes (which FAO-56 Penman-Monteith cannot compute, but a temperature-only
     * method can). The default.
     */
    FROM_EXTREMES("extremes"),
    /** The measured mean when the input has one for the day, else (Tmax + Tmin)/2 (flagged). */
    MEASURED_WHEN_GIVEN("measured");

    /** The default of every entry point: {@link #FROM_EXTREMES}, FAO-56's standardisation (see the class). */
    public static final TmeanRule DEFAULT = FROM_EXTREMES;

    private static final String TMEAN = "tmean";

    private final String token;

    TmeanRule(String token) {
        this.token = token;
    }

    /**
     * The stable token of the option's value, as the command line and the web app's parameters spell it.
     *
     * @return {@code extremes} or {@code measured}
     */
    public String token() {
        return token;
    }

    /**
     * The rule for a token, ignoring case.
     *
     * @param token {@code extremes} or {@code measured}
     * @return the rule, or empty for any other text (including null)
     */
    public static Optional<TmeanRule> fromToken(String token) {
        for (TmeanRule r : values()) {
            if (r.token.equalsIgnoreCase(token == null ? "" : token.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The day as the calculator should see it under this rule: under {@link #FROM_EXTREMES} a day with both
     * Tmax and Tmin loses its measured mean (so eto-core uses (Tmax + Tmin)/2 and flags it); otherwise the day
     * is returned unchanged.
     *
     * @param day the day as read
     * @return the day to compute
     */
    public DailyWeather apply(DailyWeather day) {
        Objects.requireNonNull(day, "day");
        if (this == MEASURED_WHEN_GIVEN || Double.isNaN(day.tmean())
                || Double.isNaN(day.tmax()) || Double.isNaN(day.tmin())) {
            return day;
        }
        return new DailyWeather(day.date(), day.tmax(), day.tmin(), Double.NaN, day.rhMax(), day.rhMin(),
                day.rhMean(), day.tdew(), day.ea(), day.windSpeed(), day.u2(), day.rs(), day.sunshineHours());
    }

    /**
     * Binds a daily CSV header for FAO-56 Penman-Monteith's batch path ({@code Fao56.dailyBatch}), which needs
     * both extremes on every day: under {@link #FROM_EXTREMES} the measured-mean column ({@code tmean} or an
     * alias such as {@code T2M}) is not read, which gives on every computable day what {@link #apply} gives;
     * under {@link #MEASURED_WHEN_GIVEN} it is {@link WeatherTable#bind} unchanged. Methods that may run on a
     * mean alone read every column and call {@link #apply} per day instead.
     *
     * @param header the header's cells, in file order
     * @return the binding
     * @throws org.eto4j.core.EtoException as {@link WeatherTable#bind}
     */
    public WeatherTable bindDaily(List<String> header) {
        if (this == MEASURED_WHEN_GIVEN) {
            return WeatherTable.bind(WeatherTable.Step.DAILY, header);
        }
        List<String> read = new ArrayList<>(header.size());
        for (String cell : header) {
            String name = cell.trim().toLowerCase(Locale.ROOT);
            boolean mean = name.equals(TMEAN) || TMEAN.equals(WeatherTable.Step.DAILY.aliases().get(name));
            // An empty name binds to no column; the width (cells per row) stays that of the file.
            read.add(mean ? "" : cell);
        }
        return WeatherTable.bind(WeatherTable.Step.DAILY, read);
    }
}
