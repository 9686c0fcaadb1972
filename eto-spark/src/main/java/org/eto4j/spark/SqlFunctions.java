package org.eto4j.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF10;
import org.eto4j.core.AsceEwri;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.ReferenceCrop;
import org.eto4j.core.Station;

/**
 * The row-wise SQL functions registered by {@link EtoSpark#register}: each call builds eto-core's
 * {@link DailyWeather} and runs its scalar method, which gives the same bits as the batch path.
 */
final class SqlFunctions {
    private SqlFunctions() {
    }

    /**
     * One day of a daily method: (date, latitude, elevation, tmax, tmin, rh_max, rh_min, rh_mean, u2, rs) to
     * mm d⁻¹.
     */
    abstract static class Daily implements UDF10<Object, Object, Object, Object, Object, Object, Object, Object,
            Object, Object, Double> {
        private static final long serialVersionUID = 1L;

        // Consecutive rows of one site reuse the station (a grid scan sorted by cell, a station's series).
        private transient Station station;
        private transient double[] values;

        @Override
        public Double call(Object date, Object latitude, Object elevation, Object tmax, Object tmin, Object rhMax,
                           Object rhMin, Object rhMean, Object u2, Object rs) {
            LocalDate day = date(date);
            double lat = number(latitude);
            double z = number(elevation);
            Station s = station;
            if (s == null || Double.compare(s.latitudeDegrees(), lat) != 0
                    || Double.compare(s.elevationMetres(), z) != 0) {
                s = site(lat, z);
                station = s;
            }
            double[] v = values;
            if (v == null) {
                v = new double[ColumnMapping.Input.values().length];
                values = v;
            }
            java.util.Arrays.fill(v, Double.NaN);
            v[ColumnMapping.Input.TMAX.ordinal()] = number(tmax);
            v[ColumnMapping.Input.TMIN.ordinal()] = number(tmin);
            v[ColumnMapping.Input.RH_MAX.ordinal()] = number(rhMax);
            v[ColumnMapping.Input.RH_MIN.ordinal()] = number(rhMin);
            v[ColumnMapping.Input.RH_MEAN.ordinal()] = number(rhMean);
            v[ColumnMapping.Input.U2.ordinal()] = number(u2);
            v[ColumnMapping.Input.RS.ordinal()] = number(rs);
            return compute(s, weather(day, v));
        }

        abstract double compute(Station station, DailyWeather weather);
    }

    /** {@code fao56_daily}: FAO-56 eq. 6 with G = 0, through {@link Fao56#daily(Station, DailyWeather)}. */
    static final class Fao56Daily extends Daily {
        private static final long serialVersionUID = 1L;
        private final Fao56Supplier calculator;
        private transient Fao56 fao56;

        Fao56Daily(Fao56Supplier calculator) {
            this.calculator = calculator;
        }

        @Override
        double compute(Station station, DailyWeather weather) {
            Fao56 f = fao56;
            if (f == null) {
                f = calculator.get();
                fao56 = f;
            }
            return f.daily(station, weather).eto();
        }
    }

    /** {@code asce_daily_short} and {@code asce_daily_tall}: ASCE-EWRI (2005) standardized reference ET. */
    static final class AsceDaily extends Daily {
        private static final long serialVersionUID = 1L;
        private final ReferenceCrop crop;
        private transient AsceEwri asce;

        AsceDaily(ReferenceCrop crop) {
            this.crop = crop;
        }

        @Override
        double compute(Station station, DailyWeather weather) {
            AsceEwri a = asce;
            if (a == null) {
                a = AsceEwri.builder().crop(crop).build();
                asce = a;
            }
            return a.daily(station, weather).eto();
        }
    }

    /** {@code eto_flags}: a flag mask to the flags' tokens, e.g. {@code ["tmean_from_extremes"]}. */
    static final class FlagTokens implements UDF1<Long, List<String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> call(Long mask) {
            if (mask == null) {
                return null;
            }
            List<String> tokens = new ArrayList<>();
            for (EstimateFlag flag : EstimateFlag.fromMask(mask)) {
                tokens.add(flag.token());
            }
            return tokens;
        }
    }

    /**
     * One day's weather as eto-core's scalar methods take it: the one place a row's values become a
     * {@link DailyWeather}, for the SQL functions and for the intermediates of the partition path.
     *
     * @param day    the day (only its day of year matters to a daily method)
     * @param values indexed by {@link ColumnMapping.Input#ordinal()}, NaN for absent; latitude and elevation are
     *               the station's, not read here
     * @return the weather
     */
    static DailyWeather weather(LocalDate day, double[] values) {
        return DailyWeather.builder(day)
                .tmax(values[ColumnMapping.Input.TMAX.ordinal()])
                .tmin(values[ColumnMapping.Input.TMIN.ordinal()])
                .tmean(values[ColumnMapping.Input.TMEAN.ordinal()])
                .rhMax(values[ColumnMapping.Input.RH_MAX.ordinal()])
                .rhMin(values[ColumnMapping.Input.RH_MIN.ordinal()])
                .rhMean(values[ColumnMapping.Input.RH_MEAN.ordinal()])
                .tdew(values[ColumnMapping.Input.TDEW.ordinal()])
                .ea(values[ColumnMapping.Input.EA.ordinal()])
                .windSpeed(values[ColumnMapping.Input.WIND_SPEED.ordinal()])
                .u2(values[ColumnMapping.Input.U2.ordinal()])
                .rs(values[ColumnMapping.Input.RS.ordinal()])
                .sunshineHours(values[ColumnMapping.Input.SUNSHINE_HOURS.ordinal()])
                .build();
    }

    /**
     * A day with the given day of year, in a leap year so that every day of year 1–366 exists: J is all a daily
     * method takes from the date.
     *
     * @param dayOfYear 1–366
     * @return the day
     */
    static LocalDate dayOfYear(int dayOfYear) {
        return LocalDate.ofYearDay(2000, dayOfYear);
    }

    static Station site(double latitude, double elevation) {
        return Station.of(latitude, elevation);  // eto-core checks the range (VALUE_OUT_OF_RANGE, MISSING_INPUT)
    }

    /**
     * DATE arrives as java.sql.Date, or LocalDate with spark.sql.datetime.java8API.enabled; an INT is a day of
     * year.
     */
    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        } else if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        } else if (value instanceof Number n && n.intValue() >= 1 && n.intValue() <= 366) {
            return dayOfYear(n.intValue());
        }
        throw new EtoException(ErrorCode.VALUE_OUT_OF_RANGE, "day_of_year", -1, "day_of_year", value, 1, 366);
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }
}
