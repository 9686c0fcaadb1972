package org.eto4j.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eto4j.progress.HealthProbe;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.store.TaskStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The Actuator health component {@code eto4j} (when spring-boot-actuator is present): {@code engine} (UP until the
 * engine shuts down), {@code store} (the database answers {@code SELECT 1} in time; in memory always UP) and, on
 * PostgreSQL, {@code listen} (the LISTEN connection is up). Any part DOWN makes {@code eto4j} DOWN, and with it the
 * application's health. Details are eto4j's: counts, node id, an error code — never a stack trace. Switch it off with
 * {@code management.health.eto4j.enabled=false}.
 */
@AutoConfiguration(after = Eto4jAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthContributor")
@ConditionalOnBean(TaskEngine.class)
@ConditionalOnEnabledHealthIndicator("eto4j")
public class Eto4jHealthAutoConfiguration {

    private static final boolean POSTGRES_PRESENT = ClassUtils.isPresent(
            "org.eto4j.progress.postgres.PostgresTaskStore", Eto4jHealthAutoConfiguration.class.getClassLoader());

    /** Creates the configuration (Spring instantiates it). */
    public Eto4jHealthAutoConfiguration() {
    }

    /**
     * The composite contributor {@code eto4j} (bean name minus {@code HealthContributor}).
     *
     * @param engine the engine
     * @param stores the store, when it is a bean (an engine's built-in in-memory store is not)
     * @return the contributor
     */
    @Bean
    @ConditionalOnMissingBean(name = "eto4jHealthContributor")
    public HealthContributor eto4jHealthContributor(TaskEngine engine, ObjectProvider<TaskStore> stores) {
        Map<String, HealthIndicator> parts = new LinkedHashMap<>();
        parts.put("engine", indicator(engine::health));
        TaskStore store = stores.getIfUnique();
        if (store != null) {
            parts.put("store", indicator(store::health));
            if (POSTGRES_PRESENT) {
                PostgresParts.listen(store).ifPresent(listen -> parts.put("listen", indicator(listen)));
            }
        }
        return CompositeHealthContributor.fromMap(parts);
    }

    /** An Actuator indicator over an eto4j probe: same status, same details. */
    static HealthIndicator indicator(HealthProbe probe) {
        return () -> {
            org.eto4j.progress.Health h = probe.check();
            return (h.isUp() ? Health.up() : Health.down()).withDetails(h.details()).build();
        };
    }
}
