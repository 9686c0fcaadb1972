package org.eto4j.fusion;

import java.util.List;
import java.util.Objects;
import org.eto4j.core.Station;

/**
 * Fuses the daily FAO-56 inputs of two or more sources into corrected inputs with their error variances and one ETo
 * with a predictive distribution, under an explicit {@link FusionCalibration}.
 *
 * <pre>{@code
 * EtoFusion fusion = EtoFusion.builder(FusionCalibration.named(FusionCalibration.MATOPIBA)).build();
 * FusedSeries fused = fusion.fuse(Station.of(-7.53, -46.04, 256), List.of(power, era5));
 * double eto = fused.eto(0);                                          // mm/day
 * double p5 = fused.etoQuantile(0, FusedSeries.LOWER_PROBABILITY);    // 5 % quantile
 * double p95 = fused.etoQuantile(0, FusedSeries.UPPER_PROBABILITY);   // 95 % quantile
 * Set<FusionFlag> flags = fused.flags(0);                             // CORRECTED, SOURCE_MISSING, …
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface EtoFusion {
    /**
     * The estimator used unless another is chosen: {@link Estimator#VARIABLE_CORRECTION}, the best out of sample on
     * the 16 MATOPIBA stations in both the temporal split and leave-one-station-out (VALIDATION.md).
     */
    Estimator DEFAULT_ESTIMATOR = Estimator.VARIABLE_CORRECTION;

    /**
     * Fuses aligned series.
     *
     * <p>On each day every source with all five inputs is corrected and used; a source with a gap is left out for
     * that day ({@link FusionFlag#SOURCE_MISSING}) and the error model of the remaining sources applies, so the
     * interval widens. A day without any complete source is NaN ({@link FusionFlag#NO_SOURCE}).
     *
     * @param station the site: latitude, longitude (for the calibration's domain) and elevation
     * @param sources two or more series of distinct, calibrated sources on the same days
     * @return the fused series
     * @throws FusionException {@link FusionErrorCode#TOO_FEW_SOURCES}, {@link FusionErrorCode#DUPLICATE_SOURCE},
     *                         {@link FusionErrorCode#MISALIGNED_DATES}, {@link FusionErrorCode#UNKNOWN_SOURCE},
     *                         {@link FusionErrorCode#MISSING_VARIABLE}, {@link FusionErrorCode#MISSING_LONGITUDE},
     *                         {@link FusionErrorCode#OUTSIDE_CALIBRATION_DOMAIN}
     */
    FusedSeries fuse(Station station, List<SourceSeries> sources);

    /**
     * The calibration in use.
     *
     * @return the calibration
     */
    FusionCalibration calibration();

    /**
     * The estimator in use.
     *
     * @return the estimator
     */
    Estimator estimator();

    /**
     * Starts a builder.
     *
     * @param calibration the error model, e.g. {@code FusionCalibration.named("matopiba")}
     * @return a builder
     */
    static Builder builder(FusionCalibration calibration) {
        return new Builder(calibration);
    }

    /**
     * The former name of {@link #builder(FusionCalibration)}, kept so that existing code compiles; eto4j's other
     * types name their builder method {@code builder}.
     *
     * @param calibration the error model, e.g. {@code FusionCalibration.named("matopiba")}
     * @return a builder, as {@link #builder(FusionCalibration)}
     * @deprecated use {@link #builder(FusionCalibration)}
     */
    @Deprecated
    static Builder newBuilder(FusionCalibration calibration) {
        return builder(calibration);
    }

    /** Builds an {@link EtoFusion}. Not thread-safe; the fusion it builds is. */
    final class Builder {
        private final FusionCalibration calibration;
        private Estimator estimator = DEFAULT_ESTIMATOR;

        private Builder(FusionCalibration calibration) {
            this.calibration = Objects.requireNonNull(calibration, "calibration");
        }

        /**
         * The estimator; default {@link #DEFAULT_ESTIMATOR}.
         *
         * @param estimator the estimator
         * @return this builder
         */
        public Builder estimator(Estimator estimator) {
            this.estimator = Objects.requireNonNull(estimator, "estimator");
            return this;
        }

        /**
         * Builds the fusion.
         *
         * @return an immutable, thread-safe fusion
         */
        public EtoFusion build() {
            return new DefaultEtoFusion(calibration, estimator);
        }
    }
}
