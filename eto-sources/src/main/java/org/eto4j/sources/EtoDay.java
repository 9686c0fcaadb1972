package org.eto4j.sources;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalDouble;
import org.eto4j.core.EtoResult;

/**
 * The reference evapotranspiration of one day at a point.
 *
 * @param date      the local day
 * @param result    eto-core's FAO-56 daily result: ETo in mm day⁻¹ (NaN when the day's inputs were not
 *                  enough — then {@link EtoResult#error()} says why), the method and the estimate flags
 * @param sourceEto the source's own ETo for the day (Open-Meteo's {@code et0_fao_evapotranspiration}), for
 *                  comparison, when it gives one
 */
public record EtoDay(LocalDate date, EtoResult result, OptionalDouble sourceEto) {
    /** Requires every component. */
    public EtoDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(sourceEto, "sourceEto");
    }

    /** ETo in mm day⁻¹, or empty when the day could not be computed. */
    public OptionalDouble etoMillimetres() {
        return result.isValid() && !Double.isNaN(result.eto()) ? OptionalDouble.of(result.eto())
                : OptionalDouble.empty();
    }
}
