package org.eto4j.fusion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eto4j.core.Station;

/**
 * One station's training data for {@link FusionCalibrator}: the sources' series, the reference ETo on the same days
 * and, when they exist, reference (station) values of the inputs.
 *
 * @param id                 the station's name, kept in the calibration's provenance
 * @param station            the station (latitude, longitude and elevation are needed)
 * @param sources            the sources' series, all on the same days
 * @param referenceEto       reference ETo (mm d⁻¹), one per day of the series, {@code NaN} when absent
 * @param referenceVariables reference inputs on the same days (source name ignored), when available: the input
 *                           corrections and their error variances are then fitted against them directly
 */
public record CalibrationSite(String id, Station station, List<SourceSeries> sources, double[] referenceEto,
                              Optional<SourceSeries> referenceVariables) {

    /** Copies the arrays and checks lengths and dates. */
    public CalibrationSite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(station, "station");
        sources = List.copyOf(sources);
        referenceEto = referenceEto.clone();
        Objects.requireNonNull(referenceVariables, "referenceVariables");
        if (sources.isEmpty()) {
            throw new FusionException(FusionErrorCode.TOO_FEW_SOURCES, 0, 1);
        }
        Alignment.check(sources);
        int n = sources.get(0).size();
        if (referenceEto.length != n) {
            throw new FusionException(FusionErrorCode.REFERENCE_MISMATCH, id, referenceEto.length, n);
        }
        if (referenceVariables.isPresent()) {
            SourceSeries ref = referenceVariables.get();
            if (!ref.dates().equals(sources.get(0).dates())) {
                throw new FusionException(FusionErrorCode.REFERENCE_MISMATCH, id, ref.size(), n);
            }
        }
    }

    /**
     * A site with reference ETo only (the usual case for gridded references).
     *
     * @param id           the station's name
     * @param station      the station
     * @param sources      the sources' series, all on the same days
     * @param referenceEto reference ETo (mm d⁻¹), one per day, {@code NaN} when absent
     * @return the site
     */
    public static CalibrationSite of(String id, Station station, List<SourceSeries> sources, double[] referenceEto) {
        return new CalibrationSite(id, station, sources, referenceEto, Optional.empty());
    }

    /**
     * The reference ETo.
     *
     * @return a copy, mm d⁻¹, one per day, NaN when absent
     */
    @Override
    public double[] referenceEto() {
        return referenceEto.clone();
    }

    double[] referenceEtoArray() {
        return referenceEto;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalibrationSite s && s.id.equals(id) && s.station.equals(station)
                && s.sources.equals(sources) && java.util.Arrays.equals(s.referenceEto, referenceEto)
                && s.referenceVariables.equals(referenceVariables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, station, sources, java.util.Arrays.hashCode(referenceEto));
    }

    @Override
    public String toString() {
        return "CalibrationSite[" + id + ", " + sources.size() + " sources, " + referenceEto.length + " days]";
    }
}
