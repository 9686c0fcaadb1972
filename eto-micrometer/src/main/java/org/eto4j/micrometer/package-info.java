/**
 * Micrometer {@code MeterBinder}s for eto4j, usable with or without a framework: {@link TaskEngineMetrics},
 * {@link TransportMetrics}, {@link WeatherSourceMetrics}, {@link PostgresStoreMetrics}. The libraries themselves
 * expose what these read with the JDK only (observer and listener SPIs, stats records); this package is the one
 * place that depends on Micrometer.
 */
package org.eto4j.micrometer;
