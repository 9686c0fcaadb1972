package org.eto4j.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.eto4j.micrometer.PostgresStoreMetrics;
import org.eto4j.micrometer.TaskEngineMetrics;
import org.eto4j.micrometer.TransportMetrics;
import org.eto4j.micrometer.WeatherSourceMetrics;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.sources.WeatherSources;
import org.eto4j.transport.jakarta.JakartaWebSocketTransport;
import org.eto4j.transport.sse.SseTransport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters of eto4j (when eto-micrometer is on the class path and the application has a
 * {@link MeterRegistry}, as Actuator gives it): eto-micrometer's binders as {@code MeterBinder} beans, which Spring
 * Boot binds to every registry — {@code eto.tasks.*} of the engine, {@code eto.transport.*} tagged
 * {@code transport=sse} and {@code transport=websocket}, {@code eto.store.*} of a PostgreSQL store and
 * {@code eto.sources.*} of a {@code WeatherSources} bean. Each binder backs off when a bean of its name exists.
 */
@AutoConfiguration(after = {Eto4jAutoConfiguration.class, Eto4jWebAutoConfiguration.class},
        afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, TaskEngineMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
public class Eto4jMetricsAutoConfiguration {

    /** Creates the configuration (Spring instantiates it). */
    public Eto4jMetricsAutoConfiguration() {
    }

    /**
     * {@code eto.tasks.*}: submitted, started, retried, ended by type and outcome, durations, queue gauges.
     *
     * @param engine the engine
     * @return the binder (closed with the context: its observer leaves the engine)
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnBean(TaskEngine.class)
    @ConditionalOnMissingBean(name = "etoTaskEngineMetrics")
    public TaskEngineMetrics etoTaskEngineMetrics(TaskEngine engine) {
        return new TaskEngineMetrics(engine);
    }

    /** {@code eto.transport.*} of the SSE transport. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SseTransport.class)
    static class SseMetrics {
        @Bean
        @ConditionalOnBean(SseTransport.class)
        @ConditionalOnMissingBean(name = "etoSseTransportMetrics")
        TransportMetrics etoSseTransportMetrics(SseTransport transport) {
            return new TransportMetrics("sse", transport::stats);
        }
    }

    /** {@code eto.transport.*} of the Jakarta WebSocket transport. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"jakarta.websocket.server.ServerEndpointConfig",
            "org.eto4j.transport.jakarta.JakartaWebSocketTransport"})
    static class WebSocketMetrics {
        @Bean
        @ConditionalOnBean(JakartaWebSocketTransport.class)
        @ConditionalOnMissingBean(name = "etoWebSocketTransportMetrics")
        TransportMetrics etoWebSocketTransportMetrics(JakartaWebSocketTransport transport) {
            return new TransportMetrics("websocket", transport::stats);
        }
    }

    /** {@code eto.store.*} of a PostgreSQL store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PostgresTaskStore.class)
    static class StoreMetrics {
        @Bean
        @ConditionalOnBean(PostgresTaskStore.class)
        @ConditionalOnMissingBean(name = "etoPostgresStoreMetrics")
        PostgresStoreMetrics etoPostgresStoreMetrics(PostgresTaskStore store) {
            return new PostgresStoreMetrics(store);
        }
    }

    /** {@code eto.sources.*} of the application's {@link WeatherSources}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WeatherSources.class)
    static class SourcesMetrics {
        @Bean(destroyMethod = "close")
        @ConditionalOnBean(WeatherSources.class)
        @ConditionalOnMissingBean(name = "etoWeatherSourceMetrics")
        WeatherSourceMetrics etoWeatherSourceMetrics(WeatherSources sources) {
            return new WeatherSourceMetrics(sources);
        }
    }
}
