package org.eto4j.sources;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eto4j.core.Station;
import org.eto4j.fusion.Estimator;
import org.eto4j.fusion.EtoFusion;
import org.eto4j.fusion.FusedSeries;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionFlag;
import org.eto4j.fusion.SourceSeries;

/**
 * Daily ETo for a point and a period from NASA POWER and Open-Meteo (ERA5 archive) at once, fused by eto-fusion
 * under a calibration: one bias-corrected ETo per day with its predictive interval.
 *
 * <pre>{@code
 * FusedPointEto eto = FusedPointEto.builder(sources, FusionCalibration.named(FusionCalibration.MATOPIBA)).build();
 * FusedPointEtoSeries week = eto.daily(WeatherRequest.of(new GeoPoint(-7.53, -46.04),
 *         LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 7)));
 * double eto = week.eto(0);                 // mm/day
 * double p05 = week.etoLower(0);            // 5 % quantile
 * double p95 = week.etoUpper(0);            // 95 % quantile
 * Set<FusionFlag> flags = week.flags(0);    // CORRECTED, SOURCE_MISSING, …
 * }</pre>
 *
 * <p>Each source is downloaded and quality-controlled as {@link PointEto} does. A source that fails (network,
 * service error, timeout, rate limit, malformed answer, period not covered) does not fail the call while another
 * answered: the fusion runs on the sources that answered, every day is flagged {@link FusionFlag#SOURCE_MISSING}
 * with the wider interval of that set of sources, and the failure is kept in
 * {@link FusedPointEtoSeries#failures()} — never silent. When every source fails, the first failure is thrown.
 * Cancellation, an invalid request and the calibration's own errors always throw. Thread-safe.
 */
public final class FusedPointEto {
    /**
     * The sources fused, with the names the calibration knows them by: NASA POWER's community AG daily point data
     * ({@code nasa_power}) and Open-Meteo's ERA5 archive ({@code open_meteo}), as the shipped calibration.
     */
    public static final Map<SourceId, String> CALIBRATION_NAMES = Map.of(
            SourceId.NASA_POWER, "nasa_power",
            SourceId.OPEN_METEO_ARCHIVE, "open_meteo");
    /** The sources in the order they are fetched. */
    private static final List<SourceId> ORDER = List.of(SourceId.NASA_POWER, SourceId.OPEN_METEO_ARCHIVE);
    /** Codes that end the call whatever the other source did: the caller's doing, not the service's. */
    private static final Set<SourceErrorCode> FATAL = Set.of(SourceErrorCode.CANCELLED,
            SourceErrorCode.INVALID_REQUEST, SourceErrorCode.INVALID_OPTION);

    private final PointEto pointEto;
    private final EtoFusion fusion;

    private FusedPointEto(Builder b) {
        this.pointEto = PointEto.builder(b.sources).elevationPolicy(b.elevationPolicy).build();
        this.fusion = EtoFusion.builder(b.calibration).estimator(b.estimator).build();
    }

    /**
     * A builder.
     *
     * @param sources     the sources (and their cache) to read
     * @param calibration the error model, e.g. {@code FusionCalibration.named(FusionCalibration.MATOPIBA)}
     * @return a builder with the defaults
     */
    public static Builder builder(WeatherSources sources, FusionCalibration calibration) {
        return new Builder(sources, calibration);
    }

    /**
     * The fusion in use.
     *
     * @return the fusion (its calibration and estimator)
     */
    public EtoFusion fusion() {
        return fusion;
    }

    /**
     * Fused daily ETo for the request.
     *
     * @param request point and period
     * @return one fused value per day
     * @throws SourceException when every source failed, or {@link SourceErrorCode#ELEVATION_UNAVAILABLE}
     * @throws org.eto4j.fusion.FusionException e.g. {@code OUTSIDE_CALIBRATION_DOMAIN} for a point of another region
     */
    public FusedPointEtoSeries daily(WeatherRequest request) {
        return daily(request, Optional.empty(), FetchObserver.NONE);
    }

    /**
     * Fused daily ETo for the request, with progress, cancellation and optionally a known elevation.
     *
     * @param request   point and period
     * @param elevation the point's elevation when the caller knows it (then no lookup is made)
     * @param observer  download progress and cancellation
     * @return one fused value per day
     * @throws SourceException when every source failed, on cancellation, or
     *                         {@link SourceErrorCode#ELEVATION_UNAVAILABLE}
     * @throws org.eto4j.fusion.FusionException e.g. {@code OUTSIDE_CALIBRATION_DOMAIN} for a point of another region
     */
    public FusedPointEtoSeries daily(WeatherRequest request, Optional<Elevation> elevation,
            FetchObserver observer) {
        Objects.requireNonNull(request, "request");
        Map<SourceId, DailySeries> answered = new EnumMap<>(SourceId.class);
        Map<SourceId, SourceException> failures = new EnumMap<>(SourceId.class);
        for (SourceId source : ORDER) {
            try {
                HttpSource.Raw raw = pointEto.download(source, request, observer);
                answered.put(source, pointEto.qualityControl(source, raw));
            } catch (SourceException e) {
                if (FATAL.contains(e.code())) {
                    throw e;
                }
                failures.put(source, e);
            }
        }
        if (answered.isEmpty()) {
            throw failures.get(ORDER.get(0));
        }
        DailySeries first = answered.values().iterator().next();
        Elevation resolved = elevation.orElseGet(() -> pointEto.resolveElevation(first));
        GeoPoint p = request.point();
        Station station = Station.of(p.latitudeDegrees(), p.longitudeDegrees(), resolved.metres());
        List<SourceSeries> series = new ArrayList<>(ORDER.size());
        for (SourceId source : ORDER) {
            DailySeries weather = answered.get(source);
            // A source that failed takes part as all gaps: eto-fusion then applies the error model of the sources
            // present and flags every day SOURCE_MISSING, with the wider interval.
            series.add(weather != null ? toSeries(CALIBRATION_NAMES.get(source), weather)
                    : gaps(CALIBRATION_NAMES.get(source), first));
        }
        FusedSeries fused = fusion.fuse(station, series);
        return new FusedPointEtoSeries(fused, station, resolved, answered, failures);
    }

    /** eto-fusion's inputs from a quality-controlled series; wind is already at 2 m (eq. 47, flagged). */
    static SourceSeries toSeries(String name, DailySeries weather) {
        int n = weather.size();
        double[] rh = new double[n];
        for (int d = 0; d < n; d++) {
            rh[d] = weather.valueOrNaN(d, Variable.RH_MEAN);
            if (Double.isNaN(rh[d])) {
                // The RHmean of the same actual vapour pressure as the dew point (FAO-56 eq. 14 and 19), as
                // eto-fusion's tdew option does, so a source reporting only Tdew on a day is not left out.
                double tdew = weather.valueOrNaN(d, Variable.TDEW);
                double tmax = weather.valueOrNaN(d, Variable.TMAX);
                double tmin = weather.valueOrNaN(d, Variable.TMIN);
                rh[d] = 100 * saturation(tdew) / ((saturation(tmax) + saturation(tmin)) / 2);
            }
        }
        return SourceSeries.builder(name, weather.dates())
                .tmax(weather.column(Variable.TMAX))
                .tmin(weather.column(Variable.TMIN))
                .rhMean(rh)
                .u2(weather.column(Variable.WIND_SPEED_2M))
                .rs(weather.column(Variable.SOLAR_RADIATION))
                .build();
    }

    /** FAO-56 eq. 11, kPa; NaN stays NaN. */
    private static double saturation(double celsius) {
        return 0.6108 * Math.exp(17.27 * celsius / (celsius + 237.3));
    }

    private static SourceSeries gaps(String name, DailySeries like) {
        double[] nan = new double[like.size()];
        java.util.Arrays.fill(nan, Double.NaN);
        return SourceSeries.builder(name, like.dates()).tmax(nan).tmin(nan).rhMean(nan).u2(nan).rs(nan).build();
    }

    /** Options for {@link FusedPointEto}; {@link #build()} validates them. */
    public static final class Builder {
        private final WeatherSources sources;
        private final FusionCalibration calibration;
        private Estimator estimator = EtoFusion.DEFAULT_ESTIMATOR;
        private PointEto.ElevationPolicy elevationPolicy = PointEto.ElevationPolicy.SOURCE_THEN_LOOKUP;

        private Builder(WeatherSources sources, FusionCalibration calibration) {
            this.sources = Objects.requireNonNull(sources, "sources");
            this.calibration = Objects.requireNonNull(calibration, "calibration");
        }

        /**
         * The fusion estimator; default {@link EtoFusion#DEFAULT_ESTIMATOR}.
         *
         * @param estimator the estimator
         * @return this builder
         */
        public Builder estimator(Estimator estimator) {
            this.estimator = estimator;
            return this;
        }

        /**
         * Where the elevation comes from when the caller gives none; default
         * {@link PointEto.ElevationPolicy#SOURCE_THEN_LOOKUP} (the first source that answered, NASA POWER first).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder elevationPolicy(PointEto.ElevationPolicy policy) {
            this.elevationPolicy = policy;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the facade
         * @throws SourceException {@link SourceErrorCode#INVALID_OPTION} for a null option
         */
        public FusedPointEto build() {
            if (estimator == null) {
                throw new SourceException(SourceErrorCode.INVALID_OPTION, "estimator", null,
                        "ETO_SCALING|VARIABLE_CORRECTION|VARIABLE_FUSION");
            }
            if (elevationPolicy == null) {
                throw new SourceException(SourceErrorCode.INVALID_OPTION, "elevationPolicy", null,
                        "SOURCE_THEN_LOOKUP|LOOKUP_THEN_SOURCE");
            }
            return new FusedPointEto(this);
        }
    }
}
