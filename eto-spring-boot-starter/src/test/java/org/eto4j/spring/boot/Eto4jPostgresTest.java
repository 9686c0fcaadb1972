package org.eto4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.postgres.TestDatabase;
import org.eto4j.progress.store.TaskStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code eto4j.store=postgres} on the DataSource Spring Boot builds from {@code spring.datasource.*}: a real
 * PostgreSQL.
 */
class Eto4jPostgresTest {
    private static TestDatabase migrated;
    private static TestDatabase empty;

    @BeforeAll
    static void databases() {
        migrated = TestDatabase.create();
        empty = TestDatabase.create();
    }

    @AfterAll
    static void drop() {
        migrated.close();
        empty.close();
    }

    private static ApplicationContextRunner on(TestDatabase db) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        Eto4jAutoConfiguration.class))
                .withUserConfiguration(EchoType.class)
                .withPropertyValues("eto4j.store=postgres", "spring.datasource.url=" + db.url(),
                        "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password());
    }

    @Test
    void runsRegisteredTasksOnThePostgresStoreOfTheApplicationsDataSource() {
        on(migrated).withPropertyValues("eto4j.postgres.node-id=web-1").run(context -> {
            assertThat(context).hasSingleBean(TaskStore.class);
            PostgresTaskStore store = context.getBean(PostgresTaskStore.class);
            assertThat(store.nodeId()).isEqualTo("web-1");
            // The LISTEN connection is outside the pool, on spring.datasource.url, and opens in the background.
            await().atMost(Duration.ofSeconds(20)).until(store::isListening);
            TaskEngine engine = context.getBean(TaskEngine.class);
            TaskId id = engine.submit(EchoType.TYPE, Map.of("word", "hello"), TaskOptions.defaults());
            TaskEvent end = Eto4jAutoConfigurationTest.awaitTerminal(engine, id);
            assertThat(end).isInstanceOf(TaskEvent.Completed.class);
            assertThat(((TaskEvent.Completed) end).result()).isEqualTo(TaskResult.of("hello"));
            // Durable: the row is in the database, written by this node.
            assertThat(migrated.query("SELECT state FROM eto_task WHERE id = '" + id + "'"))
                    .containsExactly("succeeded");
            assertThat(migrated.query("SELECT count(*) FROM eto_schema_version")).doesNotContain("0");
        });
    }

    @Test
    void migrationsCanBeLeftToADeploymentStep() {
        on(empty).withPropertyValues("eto4j.postgres.migrate=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PostgresTaskStore.class);
            assertThat(empty.query("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'eto_%'"))
                    .containsExactly("0");
        });
    }

    @Test
    void theStoreIsClosedAfterTheEngineWithTheContext() {
        PostgresTaskStore[] store = new PostgresTaskStore[1];
        TaskEngine[] engine = new TaskEngine[1];
        on(migrated).run(context -> {
            store[0] = context.getBean(PostgresTaskStore.class);
            engine[0] = context.getBean(TaskEngine.class);
        });
        assertThat(engine[0].isShutdown()).isTrue();
        assertThat(store[0].health().details()).containsEntry("closed", true);
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoType {
        static final String TYPE = "test.echo";

        @Bean
        TaskEngineCustomizer echoType() {
            return builder -> builder.taskType(TYPE,
                    parameters -> ctx -> TaskResult.of(((Map<?, ?>) parameters).get("word")));
        }
    }
}
