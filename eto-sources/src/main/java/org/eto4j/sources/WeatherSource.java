package org.eto4j.sources;

/**
 * One weather service, read for a point and a period.
 *
 * <p>Implementations are thread-safe. Each call may make several HTTP requests (one per chunk of the period);
 * answers are cached, so asking twice for the same point (rounded to the source's grid) and period makes no
 * second request while the cached answer is fresh. Daily series come back quality-controlled, with wind at
 * 2 m, and with short gaps filled — every such change flagged (see {@link ValueFlag}).
 *
 * <p>Day boundaries: a request's {@link WeatherRequest#zone() zone} is honoured where the source allows it;
 * NASA POWER's daily data are fixed to local solar time (a UTC offset of longitude/15 hours), which
 * {@link DailySeries#zone()} then reports. Without a zone, Open-Meteo uses the location's civil time zone and
 * MET Norway the local solar time offset.
 */
public interface WeatherSource {
    /** Which source this is. */
    SourceId id();

    /**
     * Daily weather for the request's days.
     *
     * @param request  point and period
     * @param observer progress and cancellation
     * @return the series, one row per requested day (days the source lacks are present and flagged missing)
     * @throws SourceException on network, service, format errors or cancellation
     */
    DailySeries daily(WeatherRequest request, FetchObserver observer);

    /**
     * Daily weather without progress or cancellation.
     *
     * @param request point and period
     * @return the series
     * @throws SourceException on network, service or format errors
     */
    default DailySeries daily(WeatherRequest request) {
        return daily(request, FetchObserver.NONE);
    }

    /**
     * Hourly weather covering the request's days (in the request's or the source's zone), raw: converted to
     * eto4j's units but neither quality-controlled nor filled.
     *
     * @param request  point and period
     * @param observer progress and cancellation
     * @return the series in time order
     * @throws SourceException on network, service, format errors or cancellation
     */
    HourlySeries hourly(WeatherRequest request, FetchObserver observer);

    /**
     * The number of HTTP requests (chunks) a download of {@code request} takes when nothing is cached; lets a
     * caller size its progress bar before starting.
     *
     * @param request point and period
     * @return at least 1
     */
    int chunks(WeatherRequest request);
}
