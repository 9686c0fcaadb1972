package org.eto4j.sources;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eto4j.core.Station;
import org.eto4j.fusion.FusedSeries;
import org.eto4j.fusion.FusionFlag;

/**
 * The result of {@link FusedPointEto#daily}: fused ETo per day with its 5–95 % interval and flags, the weather
 * of each source that answered, and the failure of each source that did not. Immutable.
 */
public final class FusedPointEtoSeries {
    private final FusedSeries fused;
    private final Station station;
    private final Elevation elevation;
    private final Map<SourceId, DailySeries> weather;
    private final Map<SourceId, SourceException> failures;

    FusedPointEtoSeries(FusedSeries fused, Station station, Elevation elevation, Map<SourceId, DailySeries> weather,
            Map<SourceId, SourceException> failures) {
        this.fused = fused;
        this.station = station;
        this.elevation = elevation;
        this.weather = Collections.unmodifiableMap(new EnumMap<>(weather));
        this.failures = failures.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(failures));
    }

    /**
     * eto-fusion's full result: fused inputs with their error variances, ETo's distribution, flags.
     *
     * @return the fused series
     */
    public FusedSeries fused() {
        return fused;
    }

    /**
     * The days, in order.
     *
     * @return the dates
     */
    public List<LocalDate> dates() {
        return fused.dates();
    }

    /**
     * The fused ETo of a day.
     *
     * @param day zero-based day
     * @return mm/day, NaN when no source had complete inputs that day (flagged)
     */
    public double eto(int day) {
        return fused.eto(day);
    }

    /**
     * The lower end of the day's interval, the {@link FusedSeries#LOWER_PROBABILITY} (5 %) quantile.
     *
     * @param day zero-based day
     * @return mm/day, NaN with the ETo
     */
    public double etoLower(int day) {
        return fused.etoQuantile(day, FusedSeries.LOWER_PROBABILITY);
    }

    /**
     * The upper end of the day's interval, the {@link FusedSeries#UPPER_PROBABILITY} (95 %) quantile.
     *
     * @param day zero-based day
     * @return mm/day, NaN with the ETo
     */
    public double etoUpper(int day) {
        return fused.etoQuantile(day, FusedSeries.UPPER_PROBABILITY);
    }

    /**
     * What the fusion did on a day; {@link FusionFlag#SOURCE_MISSING} on every day when a source failed.
     *
     * @param day zero-based day
     * @return the flags
     */
    public Set<FusionFlag> flags(int day) {
        return fused.flags(day);
    }

    /**
     * The quality-controlled weather of each source that answered.
     *
     * @return by source, unmodifiable
     */
    public Map<SourceId, DailySeries> weather() {
        return weather;
    }

    /**
     * The failure of each source that did not answer (its code and i18n key say why); empty when all answered.
     *
     * @return by source, unmodifiable
     */
    public Map<SourceId, SourceException> failures() {
        return failures;
    }

    /**
     * The station the fusion ran for.
     *
     * @return latitude, longitude and elevation
     */
    public Station station() {
        return station;
    }

    /**
     * The elevation used, and where it came from.
     *
     * @return the elevation
     */
    public Elevation elevation() {
        return elevation;
    }
}
