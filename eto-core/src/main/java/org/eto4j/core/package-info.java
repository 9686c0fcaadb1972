/**
 * eto4j core: reference evapotranspiration after FAO-56 (Allen et al. 1998) and ASCE-EWRI (2005).
 *
 * <p>Start with {@link org.eto4j.core.Fao56}: build one calculator ({@link org.eto4j.core.Fao56#builder()},
 * FAO-56 defaults) and call {@link org.eto4j.core.Fao56#daily daily}, {@link org.eto4j.core.Fao56#monthly monthly},
 * {@link org.eto4j.core.Fao56#hourly hourly} (or {@link org.eto4j.core.Fao56#hourlySeries hourlySeries} to stream),
 * or {@link org.eto4j.core.Fao56#dailyBatch dailyBatch} for primitive columns
 * ({@link org.eto4j.core.DailyColumns}). Inputs are {@link org.eto4j.core.Station} and
 * {@link org.eto4j.core.DailyWeather} / {@link org.eto4j.core.MonthlyWeather} /
 * {@link org.eto4j.core.HourlyWeather}; results are {@link org.eto4j.core.EtoResult}s.
 *
 * <p>Each FAO-56 chapter-3 quantity is also a public static function, grouped by physical quantity:
 * {@link org.eto4j.core.AtmosphericParameters}, {@link org.eto4j.core.VapourPressure},
 * {@link org.eto4j.core.SolarGeometry}, {@link org.eto4j.core.Radiation}, {@link org.eto4j.core.SoilHeatFlux},
 * {@link org.eto4j.core.Wind} and {@link org.eto4j.core.PenmanMonteith}.
 *
 * <p>{@link org.eto4j.core.WeatherTable} reads tables of text cells (a CSV file's or JSON rows, split by the
 * caller) into those records or into batch columns, with NASA POWER's column names as aliases.
 *
 * <p>Only the JDK: no I/O, no threads, no framework. Errors are {@link org.eto4j.core.EtoException}s with a
 * stable {@link org.eto4j.core.ErrorCode}; estimates are reported as {@link org.eto4j.core.EstimateFlag}s.
 */
package org.eto4j.core;
