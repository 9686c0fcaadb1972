package org.eto4j.core;

/** What the time stamp of an hourly record means. */
public enum TimeStampConvention {
    /** The stamp marks the start of the period: 14:00 stands for 14:00–15:00 (default, as in FAO-56 ex. 19). */
    PERIOD_START,
    /** The stamp marks the end of the period: 15:00 stands for 14:00–15:00 (common in station loggers). */
    PERIOD_END
}
