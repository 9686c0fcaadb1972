/**
 * eto4j sources: daily and hourly weather for a point and a period from NASA POWER, Open-Meteo and
 * MET Norway, and daily FAO-56 ETo for a point in one call.
 *
 * <p>Start at {@link org.eto4j.sources.WeatherSources}; for ETo, {@link org.eto4j.sources.PointEto}; as an
 * eto-progress task, {@link org.eto4j.sources.EtoTask}. Errors are
 * {@link org.eto4j.sources.SourceException}s with a stable {@link org.eto4j.sources.SourceErrorCode}; every
 * value that was filled, converted or rejected carries a {@link org.eto4j.sources.ValueFlag}.
 */
package org.eto4j.sources;
