package org.eto4j.i18n;

import java.util.Locale;

/**
 * Units that eto4j's results and inputs are expressed in, with their written form per locale (keys
 * {@code unit.*}), e.g. {@code mm/day} and {@code mm/dia}.
 */
public enum Unit {
    /** Millimetres of water (an amount over a whole period). */
    MM,
    /** Millimetres per day: daily ETo. */
    MM_PER_DAY,
    /** Millimetres per hour: hourly ETo. */
    MM_PER_HOUR,
    /** Millimetres per month: monthly ETo totals. */
    MM_PER_MONTH,
    /** Megajoules per square metre per day: daily radiation. */
    MJ_PER_M2_PER_DAY,
    /** Megajoules per square metre per hour: hourly radiation. */
    MJ_PER_M2_PER_HOUR,
    /** Degrees Celsius: temperatures. */
    DEGREE_CELSIUS,
    /** Percent: relative humidity. */
    PERCENT,
    /** Metres per second: wind speed. */
    METRE_PER_SECOND,
    /** Kilopascals: vapour pressure. */
    KILOPASCAL,
    /** Hours: sunshine duration. */
    HOUR,
    /** Metres: elevation and measurement heights. */
    METRE,
    /** Degrees of arc: latitude and longitude. */
    DEGREE;

    /**
     * The message key of this unit's written form.
     *
     * @return e.g. {@code unit.mm_per_day}
     */
    public String messageKey() {
        return "unit." + name().toLowerCase(Locale.ROOT);
    }
}
