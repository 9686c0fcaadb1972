package org.eto4j.examples.springboot;

import java.time.Duration;

import org.eto4j.spring.boot.TaskEngineCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The example application: eto-spring-boot-starter gives it the task engine, the task tokens and live progress over
 * Server-Sent Events and WebSocket on its own port; {@link CalculationController} is its one endpoint.
 *
 * <p>Run it with {@code mvn -pl examples/eto-spring-boot spring-boot:run} and open {@code http://localhost:8080/};
 * with {@code --spring.profiles.active=postgres} tasks are kept in PostgreSQL (see
 * {@code application-postgres.properties}).
 */
@SpringBootApplication
public class EtoApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's command line
     */
    public static void main(String[] args) {
        SpringApplication.run(EtoApplication.class, args);
    }

    /**
     * Registers the calculation as a task type, so that a durable store can keep its parameters and whichever node
     * claims it can run it (the in-memory store would also take an ad-hoc task).
     *
     * @param delayPerRow the demo throttle ({@code example.delay-per-row}, default none), so that progress can be
     *                    watched on a small file; it never changes what is computed
     * @return the customizer
     */
    @Bean
    TaskEngineCustomizer dailyCsvTaskType(@Value("${example.delay-per-row:0ms}") Duration delayPerRow) {
        return builder -> builder.taskType(DailyCsvTask.TYPE, DailyCsvTask.factory(delayPerRow));
    }
}
