package org.eto4j.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks, row by row, the most accurate method the data at hand allow, computes it, and says which method it
 * used and why ({@link MethodChoice}).
 *
 * <p>The order follows FAO-56 ch. 3 ("Missing data"): the Penman-Monteith method with estimated data is
 * generally more accurate than a method built for fewer data, so
 * <ol>
 *   <li>with Tmax, Tmin, a humidity value (ea, tdew, rh_max or rh_mean), measured Rs and wind (u2 or uz):
 *       FAO-56 Penman-Monteith, {@link ChoiceReason#COMPLETE};</li>
 *   <li>with Tmax and Tmin but some of the rest missing: Penman-Monteith with the FAO-56 estimates
 *       (ea from Tmin, Rs from sunshine or the temperature range, wind 2 m/s), {@link ChoiceReason#ESTIMATED}
 *       — or, under {@link MissingDataPolicy#SIMPLER_METHODS}, the radiation method (default Priestley-Taylor)
 *       when Rs or sunshine is there, else the temperature method (default Hargreaves-Samani);</li>
 *   <li>without Tmax or Tmin, with a mean temperature: the mean-temperature radiation method (default
 *       Makkink) when Rs or sunshine is there ({@link ChoiceReason#RADIATION}), else the mean-temperature
 *       method (default Oudin, {@link ChoiceReason#TEMPERATURE});</li>
 *   <li>without any temperature: {@link ChoiceReason#NONE}; the row fails as FAO-56's would
 *       ({@link ErrorCode#MISSING_INPUT}, field {@code tmax}).</li>
 * </ol>
 * Availability is judged per row: an absent value is NaN. Immutable and thread-safe.
 */
public final class MethodChooser {

    /** Method id of FAO-56 Penman-Monteith in choices. */
    public static final String FAO56 = "fao56";

    /** What to do when Penman-Monteith would need estimates. */
    public enum MissingDataPolicy {
        /** Penman-Monteith with the FAO-56 estimates (FAO-56's recommendation); the default. */
        PENMAN_MONTEITH_ESTIMATES,
        /** A radiation- or temperature-based method whenever an input of Penman-Monteith is missing. */
        SIMPLER_METHODS
    }

    /**
     * One row's result and the choice behind it.
     *
     * @param result the ET result (its {@code method} is the Penman-Monteith step id or the method id)
     * @param choice the method chosen and why
     */
    public record Chosen(EtoResult result, MethodChoice choice) {
        /** Requires both. */
        public Chosen {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(choice, "choice");
        }
    }

    private static final MethodChooser DEFAULTS = builder().build();

    private final Fao56 fao56;
    private final DailyMethod radiation;
    private final DailyMethod temperature;
    private final DailyMethod meanRadiation;
    private final DailyMethod meanTemperature;
    private final MissingDataPolicy policy;
    private final ValidationMode validation;

    private MethodChooser(Builder b) {
        this.validation = b.validation;
        this.fao56 = b.fao56.toBuilder().validation(b.validation).build();
        this.radiation = b.radiation;
        this.temperature = b.temperature;
        this.meanRadiation = b.meanRadiation;
        this.meanTemperature = b.meanTemperature;
        this.policy = b.policy;
    }

    /**
     * FAO-56 defaults, Priestley-Taylor, Hargreaves-Samani, Makkink and Oudin, strict validation.
     *
     * @return the shared default chooser
     */
    public static MethodChooser defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a builder
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
     * The choice for a row, from which values are present.
     *
     * @param w the row
     * @return the method and the reason
     */
    public MethodChoice choose(DailyWeather w) {
        return decide(w).choice;
    }

    /** A choice and the daily method behind it ({@code null} for Penman-Monteith). */
    private record Decision(MethodChoice choice, DailyMethod method) {
    }

    private Decision decide(DailyWeather w) {
        Objects.requireNonNull(w, "w");
        boolean extremes = present(w.tmax()) && present(w.tmin());
        boolean humidity = present(w.ea()) || present(w.tdew()) || present(w.rhMax()) || present(w.rhMean());
        boolean rs = present(w.rs());
        boolean sunshine = present(w.sunshineHours());
        boolean wind = present(w.u2()) || present(w.windSpeed());
        List<String> missing = new ArrayList<>(5);
        if (!present(w.tmax())) {
            missing.add("tmax");
        }
        if (!present(w.tmin())) {
            missing.add("tmin");
        }
        if (!humidity) {
            missing.add("ea");
        }
        if (!rs) {
            missing.add("rs");
        }
        if (!wind) {
            missing.add("u2");
        }
        if (extremes) {
            if (missing.isEmpty()) {
                return new Decision(new MethodChoice(FAO56, ChoiceReason.COMPLETE, missing), null);
            }
            if (policy == MissingDataPolicy.PENMAN_MONTEITH_ESTIMATES) {
                return new Decision(new MethodChoice(FAO56, ChoiceReason.ESTIMATED, missing), null);
            }
            return rs || sunshine ? decision(radiation, ChoiceReason.RADIATION, missing)
                    : decision(temperature, ChoiceReason.TEMPERATURE, missing);
        }
        if (!present(w.tmean())) {
            return new Decision(new MethodChoice(FAO56, ChoiceReason.NONE, missing), null);
        }
        return rs || sunshine ? decision(meanRadiation, ChoiceReason.RADIATION, missing)
                : decision(meanTemperature, ChoiceReason.TEMPERATURE, missing);
    }

    private static Decision decision(DailyMethod m, ChoiceReason reason, List<String> missing) {
        return new Decision(new MethodChoice(m.id(), reason, missing), m);
    }

    /**
     * Chooses and computes one day.
     *
     * @param station the station
     * @param weather the day
     * @return the result and the choice
     * @throws EtoException on invalid input in strict mode
     */
    public Chosen daily(Station station, DailyWeather weather) {
        return row(station, weather, -1);
    }

    /**
     * Chooses and computes a series of days; error rows are list indices.
     *
     * @param station the station
     * @param days    the days
     * @return one result per day
     * @throws EtoException on the first invalid row in strict mode
     */
    public List<Chosen> daily(Station station, List<DailyWeather> days) {
        List<Chosen> out = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            out.add(row(station, days.get(i), i));
        }
        return out;
    }

    private Chosen row(Station station, DailyWeather w, int row) {
        Decision d = decide(w);
        if (d.method == null) {
            EtoResult r;
            try {
                r = fao56.daily(station, w);
            } catch (EtoException e) {
                throw row >= 0 ? e.atRow(row) : e;
            }
            if (row >= 0 && r.error().isPresent()) {
                r = new EtoResult(r.eto(), r.method(), r.flags(), r.intermediates(),
                        Optional.of(r.error().get().atRow(row)));
            }
            return new Chosen(r, d.choice);
        }
        try {
            return new Chosen(d.method.daily(station, w), d.choice);
        } catch (EtoException e) {
            EtoException atRow = row >= 0 ? e.atRow(row) : e;
            if (validation == ValidationMode.STRICT) {
                throw atRow;
            }
            return new Chosen(new EtoResult(Double.NaN, d.method.id(), EnumSet.of(EstimateFlag.INVALID_ROW),
                    Optional.empty(), Optional.of(atRow)), d.choice);
        }
    }

    private static boolean present(double v) {
        return !Double.isNaN(v);
    }

    /** The builder of {@link MethodChooser}. */
    public static final class Builder {
        private Fao56 fao56 = Fao56.defaults();
        private DailyMethod radiation = PriestleyTaylor.standard();
        private DailyMethod temperature = HargreavesSamani.standard();
        private DailyMethod meanRadiation = Makkink.standard();
        private DailyMethod meanTemperature = Oudin.standard();
        private MissingDataPolicy policy = MissingDataPolicy.PENMAN_MONTEITH_ESTIMATES;
        private ValidationMode validation = ValidationMode.STRICT;

        private Builder() {
        }

        /**
         * The Penman-Monteith calculator (its conventions; validation is this builder's). Default
         * {@link Fao56#defaults()}.
         *
         * @param value the calculator
         * @return this builder
         */
        public Builder fao56(Fao56 value) {
            this.fao56 = Objects.requireNonNull(value, "fao56");
            return this;
        }

        /**
         * The radiation method used with Tmax and Tmin (policy {@link MissingDataPolicy#SIMPLER_METHODS}).
         * Default Priestley-Taylor.
         *
         * @param value the method
         * @return this builder
         */
        public Builder radiationMethod(DailyMethod value) {
            this.radiation = Objects.requireNonNull(value, "radiationMethod");
            return this;
        }

        /**
         * The temperature method used with Tmax and Tmin (policy {@link MissingDataPolicy#SIMPLER_METHODS}).
         * Default Hargreaves-Samani.
         *
         * @param value the method
         * @return this builder
         */
        public Builder temperatureMethod(DailyMethod value) {
            this.temperature = Objects.requireNonNull(value, "temperatureMethod");
            return this;
        }

        /**
         * The radiation method used with only a mean temperature; it must need no more than Tmean and Rs.
         * Default Makkink.
         *
         * @param value the method
         * @return this builder
         */
        public Builder meanTemperatureRadiationMethod(DailyMethod value) {
            this.meanRadiation = Objects.requireNonNull(value, "meanTemperatureRadiationMethod");
            return this;
        }

        /**
         * The method used with only a mean temperature. Default Oudin.
         *
         * @param value the method
         * @return this builder
         */
        public Builder meanTemperatureMethod(DailyMethod value) {
            this.meanTemperature = Objects.requireNonNull(value, "meanTemperatureMethod");
            return this;
        }

        /**
         * The policy when Penman-Monteith would need estimates. Default
         * {@link MissingDataPolicy#PENMAN_MONTEITH_ESTIMATES}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder missingDataPolicy(MissingDataPolicy value) {
            this.policy = Objects.requireNonNull(value, "missingDataPolicy");
            return this;
        }

        /**
         * Strict or lenient validation, for every method. Default {@link ValidationMode#STRICT}.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder validation(ValidationMode value) {
            this.validation = Objects.requireNonNull(value, "validation");
            return this;
        }

        /**
         * Builds the chooser.
         *
         * @return the chooser
         */
        public MethodChooser build() {
            return new MethodChooser(this);
        }
    }
}
