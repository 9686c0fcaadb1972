package org.eto4j.sources;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.eto4j.core.EstimateFlag;

/**
 * Totals over a period of {@link EtoDay}s.
 *
 * @param days                  days in the period
 * @param computedDays          days with an ETo
 * @param totalEtoMillimetres   sum of ETo over the computed days, mm
 * @param meanEtoMillimetres    mean daily ETo over the computed days, mm day⁻¹ (empty when none)
 * @param maxEtoMillimetres     largest daily ETo, mm day⁻¹ (empty when none)
 * @param estimateCounts        for each eto-core estimate flag, the days that carry it
 * @param inputFlagCounts       for each input value flag, how many (day, variable) values carry it
 * @param meanDifferenceFromSourceEto mean of (eto4j's ETo − the source's own ETo) over days with both, mm day⁻¹
 */
public record EtoSummary(int days, int computedDays, double totalEtoMillimetres, OptionalDouble meanEtoMillimetres,
        OptionalDouble maxEtoMillimetres, Map<EstimateFlag, Integer> estimateCounts,
        Map<ValueFlag, Integer> inputFlagCounts, OptionalDouble meanDifferenceFromSourceEto) {
    /** Copies the maps. */
    public EtoSummary {
        Objects.requireNonNull(meanEtoMillimetres, "meanEtoMillimetres");
        Objects.requireNonNull(maxEtoMillimetres, "maxEtoMillimetres");
        Objects.requireNonNull(meanDifferenceFromSourceEto, "meanDifferenceFromSourceEto");
        estimateCounts = Map.copyOf(estimateCounts);
        inputFlagCounts = Map.copyOf(inputFlagCounts);
    }
}
