package org.eto4j.spring.boot;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.store.TaskStore;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of eto4j's {@link TaskEngine} and {@link TaskTokens}: an engine on the in-memory store, or on
 * {@link PostgresTaskStore} over the application's {@link DataSource} with {@code eto4j.store=postgres}. The live
 * transports on the application's port are {@link Eto4jWebAutoConfiguration}'s; health and metrics are
 * {@link Eto4jHealthAutoConfiguration}'s and {@link Eto4jMetricsAutoConfiguration}'s.
 *
 * <p>Every bean backs off when the application defines one of the same type: an application's own
 * {@code TaskEngine}, {@code TaskStore} or {@code TaskTokens} bean is used as it is (and is the application's to
 * shut down).
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, TaskExecutionAutoConfiguration.class})
@EnableConfigurationProperties(Eto4jProperties.class)
public class Eto4jAutoConfiguration {

    /**
     * The name of the executor bean the engine runs its workers on when one exists (see
     * {@code eto4j.executor.bean-name}).
     */
    public static final String TASK_EXECUTOR_BEAN_NAME = "etoTaskExecutor";

    /** The name of the auto-configured engine bean. */
    public static final String TASK_ENGINE_BEAN_NAME = "etoTaskEngine";

    private static final Logger LOG = LoggerFactory.getLogger(Eto4jAutoConfiguration.class);

    /** Creates the configuration (Spring instantiates it). */
    public Eto4jAutoConfiguration() {
    }

    /**
     * The token service shared by the REST API and both transports: key from {@code eto4j.token-key} (base64), else a
     * random key for this process only.
     *
     * @param properties the settings
     * @return the token service
     * @throws TransportException {@code WST-1001} naming {@code eto4j.token-key} when it is not base64, or the
     *         builder's own refusal of a key shorter than 32 bytes or a bad TTL
     */
    @Bean
    @ConditionalOnMissingBean
    public TaskTokens etoTaskTokens(Eto4jProperties properties) {
        byte[] key;
        String configured = properties.getTokenKey();
        if (configured == null || configured.isBlank()) {
            // Tokens then die with the process and other nodes refuse them: fine for one node in development,
            // wrong behind a load balancer, hence the warning.
            LOG.warn("eto4j.token-key is not set: task tokens are signed with a random key of this process only");
            key = new byte[TaskTokens.MIN_KEY_BYTES];
            new SecureRandom().nextBytes(key);
        } else {
            try {
                key = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                // The value is a secret: it is never repeated in the error.
                throw new TransportException(TransportErrorCode.INVALID_OPTION, e, "eto4j.token-key", "(not base64)",
                        "base64 of >= " + TaskTokens.MIN_KEY_BYTES + " bytes");
            }
        }
        return TaskTokens.builder().key(key).ttl(properties.getTokenTtl()).build();
    }

    /**
     * Stops the transports, then the auto-configured engine, before the web server stops (see {@link Eto4jLifecycle}).
     *
     * @param transports the transports' stop actions
     * @param engine     the auto-configured engine's shutdown, when the engine is the starter's
     * @return the lifecycle
     */
    @Bean(Eto4jLifecycle.BEAN_NAME)
    @ConditionalOnMissingBean(Eto4jLifecycle.class)
    static Eto4jLifecycle etoLifecycle(ObjectProvider<Eto4jLifecycle.Stoppable> transports,
                                       ObjectProvider<EngineShutdown> engine) {
        return new Eto4jLifecycle(transports, engine);
    }

    /** The engine, unless the application has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(TaskEngine.class)
    static class EngineConfiguration {

        @Bean(name = TASK_ENGINE_BEAN_NAME, destroyMethod = "")
        TaskEngine etoTaskEngine(Eto4jProperties properties, ObjectProvider<TaskStore> stores,
                                 ObjectProvider<TaskEngineCustomizer> customizers, BeanFactory beanFactory) {
            Eto4jProperties.Engine e = properties.getEngine();
            TaskEngine.Builder builder = TaskEngine.builder();
            if (e.getWorkers() != null) {
                builder.workers(e.getWorkers());
            }
            if (e.getQueueCapacity() != null) {
                builder.queueCapacity(e.getQueueCapacity());
            }
            if (e.getDefaultTimeout() != null) {
                builder.defaultTimeout(e.getDefaultTimeout());
            }
            if (e.getThreadNamePrefix() != null) {
                builder.threadNamePrefix(e.getThreadNamePrefix());
            }
            TaskStore store = stores.getIfUnique();
            if (store != null) {
                builder.store(store);
            } else if (properties.getStore() == Eto4jProperties.StoreType.POSTGRES) {
                // Falling back to memory would lose every task at the next restart without a word.
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "eto4j.store", "postgres",
                        "a DataSource bean and eto-progress-postgres on the class path");
            }
            String executorName = properties.getExecutor().getBeanName();
            if (executorName != null && !executorName.isBlank() && beanFactory.containsBean(executorName)) {
                builder.workerExecutor(beanFactory.getBean(executorName, Executor.class));
                if (beanFactory instanceof ConfigurableBeanFactory configurable) {
                    // The executor must outlive the engine: its worker loops run on it until shutdown. Spring's
                    // executors also stop as lifecycle beans, waiting for running work (the loops): the engine is
                    // therefore shut down by the eto4j lifecycle, which Spring then stops before the executor.
                    configurable.registerDependentBean(executorName, TASK_ENGINE_BEAN_NAME);
                    configurable.registerDependentBean(executorName, Eto4jLifecycle.BEAN_NAME);
                }
            }
            customizers.orderedStream().forEach(c -> c.customize(builder));
            return builder.build();
        }

        @Bean
        EngineShutdown etoTaskEngineShutdown(TaskEngine etoTaskEngine, Eto4jProperties properties) {
            return new EngineShutdown(etoTaskEngine, properties.getEngine().getShutdownDeadline());
        }
    }

    /** The PostgreSQL store with {@code eto4j.store=postgres}, on the application's DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PostgresTaskStore.class)
    @ConditionalOnProperty(prefix = "eto4j", name = "store", havingValue = "postgres")
    static class PostgresStoreConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(TaskStore.class)
        @ConditionalOnBean(DataSource.class)
        PostgresTaskStore etoTaskStore(ObjectProvider<DataSource> dataSources, Eto4jProperties properties,
                                       Environment environment) {
            Eto4jProperties.Postgres p = properties.getPostgres();
            DataSource pool = dataSources.getObject(); // the primary one when there are several
            PostgresTaskStore.Builder builder = PostgresTaskStore.builder(pool)
                    .migrate(p.isMigrate()).listen(p.isListen());
            if (p.isListen()) {
                builder.listenerDataSource(listenerDataSource(pool, environment));
            }
            if (p.getNodeId() != null) {
                builder.nodeId(p.getNodeId());
            }
            if (p.getRetainFinished() != null) {
                builder.retainFinished(p.getRetainFinished());
            }
            return builder.build();
        }

        /** Every node of one database is known by the store's node id, in task rows and in the engine. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        @ConditionalOnMissingBean(name = "etoPostgresNodeId")
        TaskEngineCustomizer etoPostgresNodeId(ObjectProvider<TaskStore> stores) {
            return builder -> {
                if (stores.getIfUnique() instanceof PostgresTaskStore store) {
                    builder.nodeId(store.nodeId());
                }
            };
        }

        /**
         * The LISTEN connection lives as long as the node, so it should not hold a pooled connection: a plain driver
         * DataSource on {@code spring.datasource.url}, {@code username} and {@code password} when they name a
         * PostgreSQL database; else (a DataSource the application built itself) one connection of the pool.
         */
        private static DataSource listenerDataSource(DataSource pool, Environment environment) {
            String url = environment.getProperty("spring.datasource.url");
            if (url != null && url.startsWith("jdbc:postgresql:")) {
                PGSimpleDataSource direct = new PGSimpleDataSource();
                direct.setURL(url);
                direct.setUser(environment.getProperty("spring.datasource.username"));
                direct.setPassword(environment.getProperty("spring.datasource.password"));
                return direct;
            }
            return pool;
        }
    }
}
