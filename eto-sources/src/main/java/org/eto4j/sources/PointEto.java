package org.eto4j.sources;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.core.Wind;

/**
 * Daily ETo for a point and a period in one call: download, quality control, elevation, FAO-56.
 *
 * <pre>{@code
 * PointEto eto = PointEto.builder(sources).build();
 * PointEtoSeries year = eto.daily(SourceId.NASA_POWER,
 *         WeatherRequest.of(new GeoPoint(-22.7, -47.6), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
 * double january1 = year.days().get(0).etoMillimetres().orElseThrow();
 * }</pre>
 *
 * <p>Nothing is silent: a value filled, converted or rejected is flagged on its day and variable
 * ({@link DailySeries#flags}), an input eto-core had to estimate is flagged on the result
 * ({@link EtoResult#flags()}), and a day whose inputs are too few gets no ETo and eto-core's error instead.
 * The elevation is the caller's, the source's or the lookup's — never an assumed 0 m. Thread-safe.
 */
public final class PointEto {
    /** Where the elevation comes from when the caller gives none. */
    public enum ElevationPolicy {
        /** The source's own elevation (its grid cell or model terrain) when it reports one, else the lookup. */
        SOURCE_THEN_LOOKUP,
        /** The lookup (a 90 m DEM at the point), else the source's own elevation. */
        LOOKUP_THEN_SOURCE
    }

    private final WeatherSources sources;
    private final Fao56 fao56;
    private final ElevationPolicy elevationPolicy;
    private final TmeanRule tmean;

    private PointEto(Builder b) {
        this.sources = b.sources;
        this.fao56 = b.fao56;
        this.elevationPolicy = b.elevationPolicy;
        this.tmean = b.tmean;
    }

    /**
     * A builder over {@code sources}.
     *
     * @param sources the sources (and their cache) to read
     * @return a builder with the defaults
     */
    public static Builder builder(WeatherSources sources) {
        return new Builder(sources);
    }

    /**
     * The daily mean temperature rule in force.
     *
     * @return the rule; {@link TmeanRule#DEFAULT} unless the builder chose another
     */
    public TmeanRule tmean() {
        return tmean;
    }

    /** The sources this facade reads. */
    public WeatherSources sources() {
        return sources;
    }

    /**
     * Daily ETo for the request from one source.
     *
     * @param source  the source
     * @param request point and period
     * @return one result per day
     * @throws SourceException on download errors, or {@link SourceErrorCode#ELEVATION_UNAVAILABLE}
     */
    public PointEtoSeries daily(SourceId source, WeatherRequest request) {
        return daily(source, request, Optional.empty(), FetchObserver.NONE);
    }

    /**
     * Daily ETo for the request from one source, with progress, cancellation and optionally a known elevation.
     *
     * @param source    the source
     * @param request   point and period
     * @param elevation the point's elevation when the caller knows it (then no lookup is made)
     * @param observer  download progress and cancellation
     * @return one result per day
     * @throws SourceException on download errors, cancellation, or {@link SourceErrorCode#ELEVATION_UNAVAILABLE}
     */
    public PointEtoSeries daily(SourceId source, WeatherRequest request, Optional<Elevation> elevation,
            FetchObserver observer) {
        HttpSource.Raw raw = download(source, request, observer);
        DailySeries weather = qualityControl(source, raw);
        Elevation resolved = elevation.orElseGet(() -> resolveElevation(weather));
        return compute(weather, resolved);
    }

    HttpSource.Raw download(SourceId source, WeatherRequest request, FetchObserver observer) {
        return ((HttpSource) sources.source(source)).raw(request, observer);
    }

    DailySeries qualityControl(SourceId source, HttpSource.Raw raw) {
        return raw.process(source, ((HttpSource) sources.source(source)).processing);
    }

    Elevation resolveElevation(DailySeries weather) {
        Optional<Elevation> fromSource = weather.elevation();
        if (elevationPolicy == ElevationPolicy.SOURCE_THEN_LOOKUP && fromSource.isPresent()) {
            return fromSource.get();
        }
        try {
            return sources.elevation().elevation(weather.requestedPoint());
        } catch (SourceException e) {
            if (e.code() == SourceErrorCode.ELEVATION_UNAVAILABLE && fromSource.isPresent()) {
                return fromSource.get();
            }
            throw e;
        }
    }

    /**
     * Runs FAO-56 over every day: {@link #station}, {@link #weather} and the calculator for each day, then
     * {@link #series}. {@link EtoTask} runs the same three parts with eto-progress's calculation task between them.
     */
    PointEtoSeries compute(DailySeries weather, Elevation elevation) {
        Station station = station(weather, elevation);
        List<EtoResult> results = new ArrayList<>(weather.size());
        for (int d = 0; d < weather.size(); d++) {
            EtoResult result;
            try {
                result = fao56.daily(station, weather(weather, d));
            } catch (EtoException e) {
                // A strict calculator rejects the day; the series goes on and the day carries the error.
                result = new EtoResult(Double.NaN, Fao56.METHOD_DAILY, Set.of(EstimateFlag.INVALID_ROW),
                        Optional.empty(), Optional.of(e.atRow(d)));
            }
            results.add(result);
        }
        return series(weather, station, elevation, results);
    }

    /** The calculator whose conventions every day is computed under. */
    Fao56 calculator() {
        return fao56;
    }

    /**
     * The station eto-core gets for a series: the requested point at the resolved elevation, wind at 2 m.
     */
    Station station(DailySeries weather, Elevation elevation) {
        GeoPoint p = weather.requestedPoint();
        // Wind reaches eto-core at 2 m (converted here with eq. 47 and flagged), so the station's height is 2 m.
        return new Station(p.latitudeDegrees(), p.longitudeDegrees(), elevation.metres(),
                Wind.STANDARD_HEIGHT_METRES);
    }

    /**
     * Day {@code day} of the series as eto-core's input (missing values NaN), after the daily mean temperature rule.
     */
    DailyWeather weather(DailySeries weather, int day) {
        return tmean.apply(DailyWeather.builder(weather.date(day))
                .tmax(weather.valueOrNaN(day, Variable.TMAX))
                .tmin(weather.valueOrNaN(day, Variable.TMIN))
                .rhMax(weather.valueOrNaN(day, Variable.RH_MAX))
                .rhMin(weather.valueOrNaN(day, Variable.RH_MIN))
                .rhMean(weather.valueOrNaN(day, Variable.RH_MEAN))
                .tdew(weather.valueOrNaN(day, Variable.TDEW))
                .u2(weather.valueOrNaN(day, Variable.WIND_SPEED_2M))
                .rs(weather.valueOrNaN(day, Variable.SOLAR_RADIATION))
                .tmean(weather.valueOrNaN(day, Variable.TMEAN))
                .build());
    }

    /**
     * The series from eto-core's result for each day: a day whose wind the source gave at 10 m also gets
     * {@link EstimateFlag#WIND_FROM_HEIGHT} (the conversion, eq. 47, was made here, not by eto-core), and each day
     * keeps the source's own ETo for comparison.
     *
     * @param results one result per day of {@code weather}, in order
     */
    PointEtoSeries series(DailySeries weather, Station station, Elevation elevation, List<EtoResult> results) {
        List<EtoDay> days = new ArrayList<>(weather.size());
        for (int d = 0; d < weather.size(); d++) {
            EtoResult result = results.get(d);
            if (weather.flags(d, Variable.WIND_SPEED_2M).contains(ValueFlag.WIND_FROM_10M)) {
                Set<EstimateFlag> flags = EnumSet.of(EstimateFlag.WIND_FROM_HEIGHT);
                flags.addAll(result.flags());
                result = new EtoResult(result.eto(), result.method(), flags, result.intermediates(), result.error());
            }
            days.add(new EtoDay(weather.date(d), result, weather.value(d, Variable.SOURCE_ETO)));
        }
        return new PointEtoSeries(weather, station, elevation, days);
    }

    /** Options for {@link PointEto}; {@link #build()} validates them. */
    public static final class Builder {
        private final WeatherSources sources;
        private Fao56 fao56 = Fao56.builder().validation(ValidationMode.LENIENT).build();
        private ElevationPolicy elevationPolicy = ElevationPolicy.SOURCE_THEN_LOOKUP;
        private TmeanRule tmean = TmeanRule.DEFAULT;

        private Builder(WeatherSources sources) {
            this.sources = Objects.requireNonNull(sources, "sources");
        }

        /**
         * The FAO-56 calculator; default: every FAO-56 default with lenient validation, so that one bad day
         * gets an error on its result instead of ending the series.
         *
         * @param calculator the calculator
         * @return this builder
         */
        public Builder fao56(Fao56 calculator) {
            this.fao56 = calculator;
            return this;
        }

        /**
         * Where the elevation comes from when the caller gives none; default
         * {@link ElevationPolicy#SOURCE_THEN_LOOKUP}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder elevationPolicy(ElevationPolicy policy) {
            this.elevationPolicy = policy;
            return this;
        }

        /**
         * Which daily mean temperature eto-core gets when the source reports its own mean (NASA POWER's
         * {@code T2M}, Open-Meteo's and MET Norway's daily means); default {@link TmeanRule#DEFAULT}
         * ({@link TmeanRule#FROM_EXTREMES}: (Tmax + Tmin)/2, FAO-56's standardisation, flagged
         * {@code tmean_from_extremes}). The same option as the command line's {@code --tmean}.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder tmean(TmeanRule rule) {
            this.tmean = rule;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the facade
         * @throws SourceException {@link SourceErrorCode#INVALID_OPTION} for a null option
         */
        public PointEto build() {
            if (fao56 == null) {
                throw new SourceException(SourceErrorCode.INVALID_OPTION, "fao56", null, "non-null");
            }
            if (elevationPolicy == null) {
                throw new SourceException(SourceErrorCode.INVALID_OPTION, "elevationPolicy", null,
                        "SOURCE_THEN_LOOKUP|LOOKUP_THEN_SOURCE");
            }
            if (tmean == null) {
                throw new SourceException(SourceErrorCode.INVALID_OPTION, "tmean", null,
                        "FROM_EXTREMES|MEASURED_WHEN_GIVEN");
            }
            return new PointEto(this);
        }
    }
}
