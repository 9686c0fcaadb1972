package org.eto4j.fusion;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link FusionCalibration} comes from: the region, the reference it was fitted against, the method, the
 * stations and the training period, and the validation figures measured for it (out of sample unless their name
 * says otherwise).
 *
 * @param region          the region's name (e.g. {@code MATOPIBA, Brazil})
 * @param reference       the reference series fitted against (e.g. {@code Xavier BR-DWGD ETo})
 * @param method          what was fitted, in words and references (for people; not parsed)
 * @param periodStart     the first training day
 * @param periodEnd       the last training day
 * @param stations        the training stations
 * @param trainingDays    the station-days with a reference and complete sources that were used
 * @param validation      named validation figures (e.g. {@code loso.kge.mean}); empty when none were measured
 */
public record Provenance(String region, String reference, String method, LocalDate periodStart,
                         LocalDate periodEnd, List<CalibrationStation> stations, int trainingDays,
                         Map<String, Double> validation) {

    /** Copies the lists and checks that nothing is null. */
    public Provenance {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        stations = List.copyOf(stations);
        validation = Map.copyOf(validation);
    }

    /**
     * This provenance with other validation figures (the calibration itself is unchanged).
     *
     * @param figures the figures
     * @return a new provenance
     */
    public Provenance withValidation(Map<String, Double> figures) {
        return new Provenance(region, reference, method, periodStart, periodEnd, stations, trainingDays, figures);
    }

    /**
     * A training station.
     *
     * @param id               the station's name
     * @param latitudeDegrees  latitude, degrees north
     * @param longitudeDegrees longitude, degrees east
     * @param elevationMetres  elevation, m
     */
    public record CalibrationStation(String id, double latitudeDegrees, double longitudeDegrees,
                                     double elevationMetres) {
        /** Checks the id. */
        public CalibrationStation {
            Objects.requireNonNull(id, "id");
        }
    }
}
