package org.eto4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.micrometer.TaskEngineMetrics;
import org.eto4j.micrometer.TransportMetrics;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class Eto4jActuatorAndExecutorTest {
    private static final AutoConfigurations ETO4J = AutoConfigurations.of(Eto4jAutoConfiguration.class,
            Eto4jWebAutoConfiguration.class, Eto4jHealthAutoConfiguration.class, Eto4jMetricsAutoConfiguration.class);
    private static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class);

    @Test
    void theHealthComponentIsUpWhileTheEngineRunsAndDownOnceItShutsDown() {
        new ApplicationContextRunner().withConfiguration(ETO4J).run(context -> {
            CompositeHealthContributor eto4j = context.getBean("eto4jHealthContributor",
                    CompositeHealthContributor.class);
            HealthIndicator engine = (HealthIndicator) eto4j.getContributor("engine");
            assertThat(engine.health().getStatus()).isEqualTo(Status.UP);
            assertThat(engine.health().getDetails()).containsKeys("queued", "running", "openSubscriptions");
            assertThat(eto4j.getContributor("store")).isNull(); // the engine's own in-memory store is no bean
            context.getBean(TaskEngine.class).shutdown(java.time.Duration.ofSeconds(1));
            assertThat(engine.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(engine.health().getDetails()).containsEntry("shutdown", true);
        });
    }

    @Test
    void theHealthComponentCanBeSwitchedOff() {
        new ApplicationContextRunner().withConfiguration(ETO4J)
                .withPropertyValues("management.health.eto4j.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("eto4jHealthContributor"));
    }

    @Test
    void metersCountTheEnginesTasksAndReadTheTransports() {
        new WebApplicationContextRunner().withConfiguration(ETO4J).withConfiguration(METRICS).run(context -> {
            assertThat(context).hasSingleBean(TaskEngineMetrics.class).hasBean("etoSseTransportMetrics")
                    .hasBean("etoWebSocketTransportMetrics");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            TaskEngine engine = context.getBean(TaskEngine.class);
            for (int i = 0; i < 3; i++) {
                Eto4jAutoConfigurationTest.awaitTerminal(engine, engine.submit(ctx -> TaskResult.of(1)));
            }
            assertThat(registry.get(TaskEngineMetrics.SUBMITTED).counters().stream()
                    .mapToDouble(c -> c.count()).sum()).isEqualTo(3.0);
            assertThat(registry.get(TransportMetrics.CONNECTIONS).tag("transport", "sse").gauge().value()).isZero();
            assertThat(registry.get(TransportMetrics.CONNECTIONS).tag("transport", "websocket").gauge().value())
                    .isZero();
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMeters() {
        new ApplicationContextRunner().withConfiguration(ETO4J)
                .run(context -> assertThat(context).doesNotHaveBean(TaskEngineMetrics.class));
    }

    @Test
    void tasksRunOnTheApplicationsEtoTaskExecutor() {
        new ApplicationContextRunner().withConfiguration(ETO4J).withUserConfiguration(OwnExecutor.class)
                .withPropertyValues("eto4j.engine.workers=2").run(context -> {
                    TaskEngine engine = context.getBean(TaskEngine.class);
                    TaskId id = engine.submit(ctx -> TaskResult.of(Thread.currentThread().getName()));
                    TaskEvent end = Eto4jAutoConfigurationTest.awaitTerminal(engine, id);
                    assertThat(((TaskEvent.Completed) end).result()).isEqualTo(TaskResult.of("app-executor"));
                    assertThat(context.getBean(OwnExecutor.class).threads.get()).isEqualTo(2); // one per worker
                });
    }

    @Test
    void tasksRunOnSpringBootsApplicationTaskExecutorWhenNamed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class)).withConfiguration(ETO4J)
                .withPropertyValues("eto4j.executor.bean-name=applicationTaskExecutor", "eto4j.engine.workers=1",
                        "spring.task.execution.thread-name-prefix=boot-task-")
                .run(context -> {
                    TaskEngine engine = context.getBean(TaskEngine.class);
                    TaskId id = engine.submit(ctx -> TaskResult.of(Thread.currentThread().getName()));
                    TaskEvent end = Eto4jAutoConfigurationTest.awaitTerminal(engine, id);
                    assertThat(((TaskEvent.Completed) end).result().toString()).contains("boot-task-");
                });
    }

    @Test
    void withoutTheNamedExecutorTheEngineStartsItsOwnWorkers() {
        new ApplicationContextRunner().withConfiguration(ETO4J)
                .withPropertyValues("eto4j.engine.thread-name-prefix=calc")
                .run(context -> {
                    TaskEngine engine = context.getBean(TaskEngine.class);
                    TaskId id = engine.submit(ctx -> TaskResult.of(Thread.currentThread().getName()));
                    TaskEvent end = Eto4jAutoConfigurationTest.awaitTerminal(engine, id);
                    assertThat(((TaskEvent.Completed) end).result().toString()).contains("calc-worker-");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnExecutor {
        final AtomicInteger threads = new AtomicInteger();

        @Bean(destroyMethod = "shutdownNow")
        ExecutorService etoTaskExecutor() {
            return Executors.newCachedThreadPool(r -> {
                threads.incrementAndGet();
                Thread t = new Thread(r, "app-executor");
                t.setDaemon(true);
                return t;
            });
        }
    }
}
