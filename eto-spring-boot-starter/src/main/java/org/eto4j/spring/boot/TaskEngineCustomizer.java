package org.eto4j.spring.boot;

import org.eto4j.progress.TaskEngine;

/**
 * A bean that adjusts the {@link TaskEngine.Builder} of the auto-configured engine before it is built: chiefly to
 * register task types, which a durable store ({@code eto4j.store=postgres}) requires of every submitted task.
 * Every customizer bean is applied, in {@link org.springframework.core.annotation.Order @Order}, after the
 * {@code eto4j.engine.*} properties, so a customizer has the last word.
 *
 * <pre>{@code
 * @Bean TaskEngineCustomizer calculationType() {
 *     return builder -> builder.taskType("example.calculation", CalculationTask::fromParameters);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TaskEngineCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, with the {@code eto4j.engine.*} properties and the store already applied
     */
    void customize(TaskEngine.Builder builder);
}
