package org.eto4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Station;

/**
 * Which columns of a Spark table hold which FAO-56 input, where the site comes from, and how the result columns
 * are named: the one set of options of {@link EtoSpark#fao56Daily}.
 *
 * <p>Immutable and serializable (it travels to the executors). Build one with {@link #builder()}:
 * <pre>{@code
 * ColumnMapping columns = ColumnMapping.builder()
 *         .date("date")                       // a DATE column; or .dayOfYear("doy")
 *         .tmax("T2M_MAX").tmin("T2M_MIN")    // °C, required
 *         .rhMean("RH2M")                     // %
 *         .u2("WS2M")                         // m/s at 2 m
 *         .rs("ALLSKY_SFC_SW_DWN")            // MJ m⁻² d⁻¹
 *         .latitude("LAT").elevation("ELEV")  // per row; or constants, latitude(-7.53) / elevation(256)
 *         .key("cell_id", "date")             // named in the error of a failed row
 *         .build();
 * }</pre>
 *
 * <p>Input columns may be of any Spark numeric type except decimal (floats of ERA5 files are widened exactly to
 * double); a NULL or NaN cell means "absent" and triggers FAO-56's missing-data procedures, as a blank cell does
 * in eto-core. The names of the inputs follow {@link org.eto4j.core.DailyColumns}; their units are FAO-56's.
 */
public final class ColumnMapping implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default name of the ETo column (mm d⁻¹, DOUBLE). */
    public static final String DEFAULT_ETO_COLUMN = "eto";
    /** Default name of the flags column (BIGINT, a mask of {@link org.eto4j.core.EstimateFlag#bit()}). */
    public static final String DEFAULT_FLAGS_COLUMN = "flags";
    /** Default name of the error column (STRING, the {@link ErrorCode#code()} of an invalid row, else NULL). */
    public static final String DEFAULT_ERROR_COLUMN = "eto_error";
    /** Default wind measurement height for a {@link Builder#windSpeed} column: 2 m, FAO-56's standard height. */
    public static final double DEFAULT_WIND_HEIGHT_METRES = 2.0;
    /** Default of {@link Builder#intermediates}: no intermediate columns, the fastest path. */
    public static final boolean DEFAULT_INTERMEDIATES = false;
    /**
     * Prefix of the intermediate columns of {@link Builder#intermediates}: {@code eto_ra}, {@code eto_rn} …, so
     * that they do not take the names of input columns such as {@code rs} or {@code u2}.
     */
    public static final String INTERMEDIATE_PREFIX = "eto_";

    /**
     * The {@link org.eto4j.core.Intermediates} components written by {@link Builder#intermediates}, in column
     * order (before {@link #INTERMEDIATE_PREFIX}).
     */
    static final List<String> INTERMEDIATES = List.of("ra", "rso", "rs", "rns", "rnl", "rn", "g", "delta", "gamma",
            "es", "ea", "u2", "pressure");

    /** The FAO-56 inputs a column can be mapped to, in the order of {@link org.eto4j.core.DailyColumns}. */
    enum Input {
        TMAX("tmax"), TMIN("tmin"), TMEAN("tmean"), RH_MAX("rh_max"), RH_MIN("rh_min"), RH_MEAN("rh_mean"),
        TDEW("tdew"), EA("ea"), WIND_SPEED("uz"), U2("u2"), RS("rs"), SUNSHINE_HOURS("sunshine_hours"),
        LATITUDE("latitude"), ELEVATION("elevation");

        /** The field name eto-core uses in its errors. */
        final String field;

        Input(String field) {
            this.field = field;
        }
    }

    private final String dateColumn;
    private final String dayOfYearColumn;
    private final LinkedHashMap<Input, String> inputs;
    private final double latitudeDegrees;
    private final double elevationMetres;
    private final double windHeightMetres;
    private final ArrayList<String> keyColumns;
    private final String etoColumn;
    private final String flagsColumn;
    private final String errorColumn;
    private final boolean intermediates;

    private ColumnMapping(Builder b) {
        this.dateColumn = b.dateColumn;
        this.dayOfYearColumn = b.dayOfYearColumn;
        this.inputs = new LinkedHashMap<>(b.inputs);
        this.latitudeDegrees = b.latitudeDegrees;
        this.elevationMetres = b.elevationMetres;
        this.windHeightMetres = b.windHeightMetres;
        this.keyColumns = new ArrayList<>(b.keyColumns);
        this.etoColumn = b.etoColumn;
        this.flagsColumn = b.flagsColumn;
        this.errorColumn = b.errorColumn;
        this.intermediates = b.intermediates;
    }

    /**
     * Starts a builder with no column mapped and the default output names.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The DATE column the day of year comes from, if the day of year is not a column of its own. */
    public Optional<String> dateColumn() {
        return Optional.ofNullable(dateColumn);
    }

    /** The integer day-of-year column (1–366), if the day of year does not come from a date. */
    public Optional<String> dayOfYearColumn() {
        return Optional.ofNullable(dayOfYearColumn);
    }

    /** The constant latitude (decimal degrees) used when no latitude column is mapped. */
    public OptionalDouble latitudeDegrees() {
        return Double.isNaN(latitudeDegrees) ? OptionalDouble.empty() : OptionalDouble.of(latitudeDegrees);
    }

    /** The constant elevation (m) used when no elevation column is mapped. */
    public OptionalDouble elevationMetres() {
        return Double.isNaN(elevationMetres) ? OptionalDouble.empty() : OptionalDouble.of(elevationMetres);
    }

    /** The height (m) at which the {@link Builder#windSpeed} column was measured. */
    public double windHeightMetres() {
        return windHeightMetres;
    }

    /** The columns named in the error of a failed row, in order (empty: the partition and row are named). */
    public List<String> keyColumns() {
        return Collections.unmodifiableList(keyColumns);
    }

    /** The name of the ETo output column. */
    public String etoColumn() {
        return etoColumn;
    }

    /** The name of the flags output column. */
    public String flagsColumn() {
        return flagsColumn;
    }

    /** The name of the error-code output column. */
    public String errorColumn() {
        return errorColumn;
    }

    /** Whether the FAO-56 intermediate quantities are appended ({@link Builder#intermediates}). */
    public boolean intermediates() {
        return intermediates;
    }

    /**
     * The names of the intermediate columns appended after the error column, in order: {@code eto_ra},
     * {@code eto_rso}, {@code eto_rs}, {@code eto_rns}, {@code eto_rnl}, {@code eto_rn}, {@code eto_g},
     * {@code eto_delta}, {@code eto_gamma}, {@code eto_es}, {@code eto_ea}, {@code eto_u2}, {@code eto_pressure}.
     *
     * @return the names, empty unless {@link #intermediates()}
     */
    public List<String> intermediateColumns() {
        return intermediates ? intermediateNames() : List.of();
    }

    private static List<String> intermediateNames() {
        return INTERMEDIATES.stream().map(name -> INTERMEDIATE_PREFIX + name).toList();
    }

    /** The mapped inputs, input to column name, in input order. */
    Map<Input, String> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    @Override
    public String toString() {
        return "ColumnMapping{date=" + dateColumn + ", dayOfYear=" + dayOfYearColumn + ", inputs=" + inputs
                + ", latitude=" + latitudeDegrees + ", elevation=" + elevationMetres + ", windHeight="
                + windHeightMetres + ", key=" + keyColumns + ", out=" + etoColumn + "/" + flagsColumn + "/"
                + errorColumn + ", intermediates=" + intermediates + "}";
    }

    /**
     * Builds a {@link ColumnMapping}. Every setter replaces an earlier value; {@link #build()} checks the whole.
     */
    public static final class Builder {
        private String dateColumn;
        private String dayOfYearColumn;
        private final LinkedHashMap<Input, String> inputs = new LinkedHashMap<>();
        private double latitudeDegrees = Double.NaN;
        private double elevationMetres = Double.NaN;
        private double windHeightMetres = DEFAULT_WIND_HEIGHT_METRES;
        private List<String> keyColumns = List.of();
        private String etoColumn = DEFAULT_ETO_COLUMN;
        private String flagsColumn = DEFAULT_FLAGS_COLUMN;
        private String errorColumn = DEFAULT_ERROR_COLUMN;
        private boolean intermediates = DEFAULT_INTERMEDIATES;

        private Builder() {
        }

        /**
         * Takes the day of year from a DATE column (the calendar day the record describes).
         *
         * @param column the column name
         * @return this builder
         */
        public Builder date(String column) {
            dateColumn = name("date", column);
            dayOfYearColumn = null;
            return this;
        }

        /**
         * Takes the day of year J (1–366, FAO-56 eq. 21–25) from an integer column.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder dayOfYear(String column) {
            dayOfYearColumn = name("dayOfYear", column);
            dateColumn = null;
            return this;
        }

        /**
         * Maps maximum air temperature (°C), required.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder tmax(String column) {
            return input(Input.TMAX, column);
        }

        /**
         * Maps minimum air temperature (°C), required.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder tmin(String column) {
            return input(Input.TMIN, column);
        }

        /**
         * Maps measured mean air temperature (°C); without it Tmean = (Tmax + Tmin)/2 (eq. 9), flagged.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder tmean(String column) {
            return input(Input.TMEAN, column);
        }

        /**
         * Maps maximum relative humidity (%).
         *
         * @param column the column name
         * @return this builder
         */
        public Builder rhMax(String column) {
            return input(Input.RH_MAX, column);
        }

        /**
         * Maps minimum relative humidity (%).
         *
         * @param column the column name
         * @return this builder
         */
        public Builder rhMin(String column) {
            return input(Input.RH_MIN, column);
        }

        /**
         * Maps mean relative humidity (%), used by eq. 19 when RHmax and RHmin are absent.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder rhMean(String column) {
            return input(Input.RH_MEAN, column);
        }

        /**
         * Maps dew-point temperature (°C), eq. 14.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder tdew(String column) {
            return input(Input.TDEW, column);
        }

        /**
         * Maps actual vapour pressure (kPa).
         *
         * @param column the column name
         * @return this builder
         */
        public Builder ea(String column) {
            return input(Input.EA, column);
        }

        /**
         * Maps wind speed (m/s) measured at {@link #windHeightMetres(double)}, converted to 2 m by eq. 47.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder windSpeed(String column) {
            return input(Input.WIND_SPEED, column);
        }

        /**
         * Maps wind speed at 2 m (m/s).
         *
         * @param column the column name
         * @return this builder
         */
        public Builder u2(String column) {
            return input(Input.U2, column);
        }

        /**
         * Maps solar radiation (MJ m⁻² d⁻¹).
         *
         * @param column the column name
         * @return this builder
         */
        public Builder rs(String column) {
            return input(Input.RS, column);
        }

        /**
         * Maps sunshine duration (hours), used by eq. 35 when Rs is absent.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder sunshineHours(String column) {
            return input(Input.SUNSHINE_HOURS, column);
        }

        /**
         * Takes each row's latitude (decimal degrees, −90 to 90, north positive) from a column.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder latitude(String column) {
            latitudeDegrees = Double.NaN;
            return input(Input.LATITUDE, column);
        }

        /**
         * Uses one latitude for every row.
         *
         * @param degrees decimal degrees, −90 to 90, north positive
         * @return this builder
         */
        public Builder latitude(double degrees) {
            inputs.remove(Input.LATITUDE);
            latitudeDegrees = degrees;
            return this;
        }

        /**
         * Takes each row's elevation above sea level (m, −500 to 9000) from a column.
         *
         * @param column the column name
         * @return this builder
         */
        public Builder elevation(String column) {
            elevationMetres = Double.NaN;
            return input(Input.ELEVATION, column);
        }

        /**
         * Uses one elevation for every row.
         *
         * @param metres metres above sea level, −500 to 9000
         * @return this builder
         */
        public Builder elevation(double metres) {
            inputs.remove(Input.ELEVATION);
            elevationMetres = metres;
            return this;
        }

        /**
         * Sets the height at which the {@link #windSpeed(String)} column was measured.
         *
         * @param metres 0.5 to 100 m; default {@link #DEFAULT_WIND_HEIGHT_METRES}
         * @return this builder
         */
        public Builder windHeightMetres(double metres) {
            windHeightMetres = metres;
            return this;
        }

        /**
         * Names the columns that identify a row (a cell id and a date, a station and a day); their values are
         * given in the {@link EtoSparkException} of a failed row.
         *
         * @param columns the column names, in order
         * @return this builder
         */
        public Builder key(String... columns) {
            List<String> list = new ArrayList<>(columns.length);
            for (String c : columns) {
                list.add(name("key", c));
            }
            keyColumns = List.copyOf(list);
            return this;
        }

        /**
         * Names the ETo output column.
         *
         * @param column the name; default {@link #DEFAULT_ETO_COLUMN}
         * @return this builder
         */
        public Builder etoColumn(String column) {
            etoColumn = name("etoColumn", column);
            return this;
        }

        /**
         * Names the flags output column.
         *
         * @param column the name; default {@link #DEFAULT_FLAGS_COLUMN}
         * @return this builder
         */
        public Builder flagsColumn(String column) {
            flagsColumn = name("flagsColumn", column);
            return this;
        }

        /**
         * Names the error-code output column.
         *
         * @param column the name; default {@link #DEFAULT_ERROR_COLUMN}
         * @return this builder
         */
        public Builder errorColumn(String column) {
            errorColumn = name("errorColumn", column);
            return this;
        }

        /**
         * Whether to append, after the error column, the FAO-56 intermediate quantities of each row as DOUBLE
         * columns named {@link #INTERMEDIATE_PREFIX} + the {@link org.eto4j.core.Intermediates} component, for audit
         * and teaching (energy terms in MJ m⁻² d⁻¹):
         * <ul>
         *   <li>{@code eto_ra} — extraterrestrial radiation Ra (eq. 21);</li>
         *   <li>{@code eto_rso} — clear-sky solar radiation Rso (eq. 37, or 36 with Angstrom coefficients);</li>
         *   <li>{@code eto_rs} — solar radiation Rs, measured or estimated (eq. 35 or 50);</li>
         *   <li>{@code eto_rns} — net shortwave radiation Rns (eq. 38);</li>
         *   <li>{@code eto_rnl} — net longwave radiation Rnl (eq. 39);</li>
         *   <li>{@code eto_rn} — net radiation Rn (eq. 40);</li>
         *   <li>{@code eto_g} — soil heat flux G (eq. 42, 0 for a day);</li>
         *   <li>{@code eto_delta} — slope of the vapour pressure curve Δ (kPa °C⁻¹, eq. 13);</li>
         *   <li>{@code eto_gamma} — psychrometric constant γ (kPa °C⁻¹, eq. 8);</li>
         *   <li>{@code eto_es} — saturation vapour pressure es (kPa, eq. 12);</li>
         *   <li>{@code eto_ea} — actual vapour pressure ea (kPa, eq. 14–19, or 48 when estimated);</li>
         *   <li>{@code eto_u2} — wind speed at 2 m (m/s, eq. 47 from another height);</li>
         *   <li>{@code eto_pressure} — atmospheric pressure P (kPa, eq. 7).</li>
         * </ul>
         * An invalid row (lenient mode) has NaN in each. ETo and flags stay the batch kernel's bits; the
         * intermediates come from {@link org.eto4j.core.Fao56#daily(org.eto4j.core.Station,
         * org.eto4j.core.DailyWeather)} on the same inputs, row by row, and the input is read as rows rather than
         * column batches: expect the partition path to be several times slower with them.
         *
         * @param enabled true to append the intermediate columns; default {@link #DEFAULT_INTERMEDIATES}
         * @return this builder
         */
        public Builder intermediates(boolean enabled) {
            intermediates = enabled;
            return this;
        }

        /**
         * Checks the options and builds the mapping.
         *
         * @return the mapping
         * @throws EtoException {@link ErrorCode#INVALID_OPTION} naming the option: no date or day-of-year column,
         *                      tmax or tmin not mapped, latitude or elevation neither a column nor a constant, a
         *                      constant or the wind height out of range, output names not distinct
         */
        public ColumnMapping build() {
            if (dateColumn == null && dayOfYearColumn == null) {
                throw invalid("date", null, "a DATE column or a day-of-year column");
            }
            if (!inputs.containsKey(Input.TMAX)) {
                throw invalid("tmax", null, "a column name");
            }
            if (!inputs.containsKey(Input.TMIN)) {
                throw invalid("tmin", null, "a column name");
            }
            if (!inputs.containsKey(Input.LATITUDE)
                    && !(latitudeDegrees >= -90.0 && latitudeDegrees <= 90.0)) {
                throw invalid("latitude", latitudeDegrees, "a column name or -90..90");
            }
            if (!inputs.containsKey(Input.ELEVATION) && !(elevationMetres >= Station.MIN_ELEVATION_METRES
                    && elevationMetres <= Station.MAX_ELEVATION_METRES)) {
                throw invalid("elevation", elevationMetres, "a column name or -500..9000");
            }
            if (!(windHeightMetres >= Station.MIN_WIND_HEIGHT_METRES
                    && windHeightMetres <= Station.MAX_WIND_HEIGHT_METRES)) {
                throw invalid("windHeightMetres", windHeightMetres, "0.5..100");
            }
            if (etoColumn.equals(flagsColumn) || etoColumn.equals(errorColumn) || flagsColumn.equals(errorColumn)) {
                throw invalid("etoColumn", etoColumn, "distinct names for the eto, flags and error columns");
            }
            if (intermediates) {
                for (String out : List.of(etoColumn, flagsColumn, errorColumn)) {
                    if (intermediateNames().contains(out)) {
                        throw invalid("intermediates", out, "output names other than the intermediate columns'");
                    }
                }
            }
            return new ColumnMapping(this);
        }

        private Builder input(Input input, String column) {
            inputs.put(input, name(input.field, column));
            return this;
        }

        private static String name(String option, String column) {
            if (column == null || column.isBlank()) {
                throw invalid(option, column, "a column name");
            }
            return column;
        }

        private static EtoException invalid(String option, Object value, String accepted) {
            return new EtoException(ErrorCode.INVALID_OPTION, option, -1, option, value, accepted);
        }
    }
}
