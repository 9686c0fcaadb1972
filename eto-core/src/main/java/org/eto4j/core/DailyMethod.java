package org.eto4j.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A daily reference (or potential) evapotranspiration method that needs fewer inputs than Penman-Monteith:
 * the temperature- and radiation-based methods. Each is an immutable record of its empirical coefficients,
 * whose no-argument factory gives the published values; each cites its source and states its latent-heat
 * convention.
 *
 * <p>Inputs come as {@link DailyWeather}. Every value present is checked exactly as {@link Fao56} checks it
 * (same {@link ErrorCode}s, fields and rows); a required value that is absent throws
 * {@link ErrorCode#MISSING_INPUT} with args (column, method id). Results are in mm d⁻¹, flagged with the
 * estimates made (e.g. {@link EstimateFlag#TMEAN_FROM_EXTREMES}); negative values are returned as computed
 * (only methods whose published form clips at zero do so).
 */
public sealed interface DailyMethod permits HargreavesSamani, PriestleyTaylor, Makkink, Turc, Oudin,
        BlaneyCriddle, JensenHaise, Abtew, Hamon, Linacre, Romanenko {

    /** The stable method id, e.g. {@code hargreaves-samani}; its i18n name is {@code method.<id>}. */
    String id();

    /**
     * ET of one day.
     *
     * @param station the station
     * @param weather the day
     * @return the result (mm d⁻¹), method {@link #id()}
     * @throws EtoException on invalid or missing input
     */
    EtoResult daily(Station station, DailyWeather weather);

    /**
     * ET of a series of days; an error carries the list index as its row.
     *
     * @param station the station
     * @param days    the days
     * @return one result per day
     * @throws EtoException on the first invalid row
     */
    default List<EtoResult> daily(Station station, List<DailyWeather> days) {
        Objects.requireNonNull(station, "station");
        List<EtoResult> out = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            try {
                out.add(daily(station, days.get(i)));
            } catch (EtoException e) {
                throw e.atRow(i);
            }
        }
        return out;
    }

    /**
     * ET of a series of days under a validation mode: {@link ValidationMode#STRICT} throws as
     * {@link #daily(Station, List)}; {@link ValidationMode#LENIENT} gives an invalid row ETo NaN, the flag
     * {@link EstimateFlag#INVALID_ROW} and its error (row = list index), and goes on.
     *
     * @param station    the station
     * @param days       the days
     * @param validation the mode
     * @return one result per day
     * @throws EtoException on the first invalid row in strict mode
     */
    default List<EtoResult> daily(Station station, List<DailyWeather> days, ValidationMode validation) {
        Objects.requireNonNull(validation, "validation");
        if (validation == ValidationMode.STRICT) {
            return daily(station, days);
        }
        Objects.requireNonNull(station, "station");
        List<EtoResult> out = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            try {
                out.add(daily(station, days.get(i)));
            } catch (EtoException e) {
                out.add(new EtoResult(Double.NaN, id(), EnumSet.of(EstimateFlag.INVALID_ROW),
                        Optional.empty(), Optional.of(e.atRow(i))));
            }
        }
        return out;
    }

    /**
     * The method with the given id and its published coefficients.
     *
     * @param id one of {@code hargreaves-samani, priestley-taylor, makkink, turc, oudin, blaney-criddle,
     *           jensen-haise, abtew, hamon, linacre, romanenko} (case-insensitive)
     * @return the method
     * @throws EtoException {@link ErrorCode#UNKNOWN_METHOD} for any other id
     */
    static DailyMethod byId(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case HargreavesSamani.ID -> HargreavesSamani.standard();
            case PriestleyTaylor.ID -> PriestleyTaylor.standard();
            case Makkink.ID -> Makkink.standard();
            case Turc.ID -> Turc.standard();
            case Oudin.ID -> Oudin.standard();
            case BlaneyCriddle.ID -> BlaneyCriddle.standard();
            case JensenHaise.ID -> JensenHaise.standard();
            case Abtew.ID -> Abtew.standard();
            case Hamon.ID -> Hamon.standard();
            case Linacre.ID -> Linacre.standard();
            case Romanenko.ID -> Romanenko.standard();
            default -> throw new EtoException(ErrorCode.UNKNOWN_METHOD, null, -1, id);
        };
    }
}
