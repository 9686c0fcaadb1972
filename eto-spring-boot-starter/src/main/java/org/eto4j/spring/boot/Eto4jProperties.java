package org.eto4j.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.jakarta.JakartaWebSocketTransport;
import org.eto4j.transport.sse.SseTransport;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code eto4j.*} settings of {@link Eto4jAutoConfiguration}. An option left unset keeps the default of the
 * library it configures (named on each getter), so the starter never invents a second default.
 */
@ConfigurationProperties(prefix = "eto4j")
public class Eto4jProperties {

    /** Where tasks are kept. */
    public enum StoreType {
        /** eto-progress's in-memory store: one JVM, nothing survives a restart. */
        MEMORY,
        /** eto-progress-postgres on the application's {@code DataSource}: durable, shared by every node. */
        POSTGRES
    }

    /** Where tasks are kept: {@code memory} or {@code postgres} (needs a DataSource bean and eto-progress-postgres). */
    private StoreType store = StoreType.MEMORY;

    /**
     * Key of the task tokens, base64 of at least 32 random bytes; every node and the REST API must share it. When
     * unset, each process draws its own random key (tokens then die with the process and are not accepted by other
     * nodes).
     */
    private String tokenKey;

    /** Lifetime of issued task tokens (1 s to 30 days). */
    private Duration tokenTtl = TaskTokens.DEFAULT_TTL;

    /**
     * Exact browser origins allowed to open event streams and WebSockets from another origin, e.g.
     * {@code https://app.example.org}. SSE always accepts the application's own origin; WebSocket accepts clients
     * that send no Origin header and, beyond those, only the origins listed here.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    private final Engine engine = new Engine();
    private final Executor executor = new Executor();
    private final Sse sse = new Sse();
    private final WebSocket websocket = new WebSocket();
    private final Postgres postgres = new Postgres();

    /** @return the store type */
    public StoreType getStore() {
        return store;
    }

    /** @param store the store type */
    public void setStore(StoreType store) {
        this.store = store;
    }

    /** @return the base64 token key, or {@code null} for a random key per process */
    public String getTokenKey() {
        return tokenKey;
    }

    /** @param tokenKey the base64 token key */
    public void setTokenKey(String tokenKey) {
        this.tokenKey = tokenKey;
    }

    /** @return the token lifetime */
    public Duration getTokenTtl() {
        return tokenTtl;
    }

    /** @param tokenTtl the token lifetime */
    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    /** @return the allowed cross-origin browser origins */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    /** @param allowedOrigins the allowed cross-origin browser origins */
    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /** @return the engine settings */
    public Engine getEngine() {
        return engine;
    }

    /** @return the executor settings */
    public Executor getExecutor() {
        return executor;
    }

    /** @return the Server-Sent Events settings */
    public Sse getSse() {
        return sse;
    }

    /** @return the WebSocket settings */
    public WebSocket getWebsocket() {
        return websocket;
    }

    /** @return the PostgreSQL store settings */
    public Postgres getPostgres() {
        return postgres;
    }

    /** {@code eto4j.engine.*}: the {@link TaskEngine.Builder} options a deployment usually tunes. */
    public static class Engine {
        /** Worker threads (1..1024); unset: one per available processor. */
        private Integer workers;

        /** Queued tasks accepted before submissions are refused (1..10,000,000); unset: 10,000. */
        private Integer queueCapacity;

        /** Time limit of one attempt of a task; unset: none. */
        private Duration defaultTimeout;

        /** How long running tasks may take to finish when the application stops. */
        private Duration shutdownDeadline = TaskEngine.Builder.DEFAULT_SHUTDOWN_DEADLINE;

        /** Prefix of the engine's thread names (1..64 characters); unset: {@code eto-progress}. */
        private String threadNamePrefix;

        /** @return the worker count, or {@code null} for the engine's default */
        public Integer getWorkers() {
            return workers;
        }

        /** @param workers the worker count */
        public void setWorkers(Integer workers) {
            this.workers = workers;
        }

        /** @return the queue capacity, or {@code null} for the engine's default */
        public Integer getQueueCapacity() {
            return queueCapacity;
        }

        /** @param queueCapacity the queue capacity */
        public void setQueueCapacity(Integer queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        /** @return the default timeout per attempt, or {@code null} for none */
        public Duration getDefaultTimeout() {
            return defaultTimeout;
        }

        /** @param defaultTimeout the default timeout per attempt */
        public void setDefaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
        }

        /** @return the shutdown deadline */
        public Duration getShutdownDeadline() {
            return shutdownDeadline;
        }

        /** @param shutdownDeadline the shutdown deadline */
        public void setShutdownDeadline(Duration shutdownDeadline) {
            this.shutdownDeadline = shutdownDeadline;
        }

        /** @return the thread name prefix, or {@code null} for the engine's default */
        public String getThreadNamePrefix() {
            return threadNamePrefix;
        }

        /** @param threadNamePrefix the thread name prefix */
        public void setThreadNamePrefix(String threadNamePrefix) {
            this.threadNamePrefix = threadNamePrefix;
        }
    }

    /** {@code eto4j.executor.*}: whether tasks run on an executor of the application. */
    public static class Executor {
        /**
         * Name of the application's {@code java.util.concurrent.Executor} bean that runs the engine's worker loops;
         * when no bean has this name the engine starts its own worker threads. Each worker loop holds one thread of
         * that executor until the application stops, so name Spring Boot's {@code applicationTaskExecutor} only
         * when it can spare {@code eto4j.engine.workers} threads (or runs on virtual threads).
         */
        private String beanName = Eto4jAutoConfiguration.TASK_EXECUTOR_BEAN_NAME;

        /** @return the executor bean name */
        public String getBeanName() {
            return beanName;
        }

        /** @param beanName the executor bean name */
        public void setBeanName(String beanName) {
            this.beanName = beanName;
        }
    }

    /** {@code eto4j.sse.*}: live events as Server-Sent Events on the application's port. */
    public static class Sse {
        /** Serve task events as Server-Sent Events. */
        private boolean enabled = true;

        /** Mount point of the event stream servlet; a stream is {@code GET <path>/{taskId}}. */
        private String path = "/eto/events";

        /** Comment heartbeat after this much silence (10 ms..15 s), so proxies keep the response open. */
        private Duration heartbeatInterval = SseTransport.Builder.DEFAULT_HEARTBEAT_INTERVAL;

        /** @return whether SSE is served */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether SSE is served */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the mount point */
        public String getPath() {
            return path;
        }

        /** @param path the mount point */
        public void setPath(String path) {
            this.path = path;
        }

        /** @return the heartbeat interval */
        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        /** @param heartbeatInterval the heartbeat interval */
        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }
    }

    /** {@code eto4j.websocket.*}: live events over Jakarta WebSocket on the application's port. */
    public static class WebSocket {
        /** Serve task events over WebSocket (protocol v1). */
        private boolean enabled = true;

        /** Endpoint path, a Jakarta URI template with the segment {@code {taskId}}. */
        private String path = "/eto/ws/{taskId}";

        /** Heartbeat frame after this much silence (10 ms..5 min); keep it below the container's idle timeout. */
        private Duration heartbeatInterval = JakartaWebSocketTransport.Builder.DEFAULT_HEARTBEAT_INTERVAL;

        /** @return whether WebSocket is served */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether WebSocket is served */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the endpoint path */
        public String getPath() {
            return path;
        }

        /** @param path the endpoint path */
        public void setPath(String path) {
            this.path = path;
        }

        /** @return the heartbeat interval */
        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        /** @param heartbeatInterval the heartbeat interval */
        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }
    }

    /** {@code eto4j.postgres.*}: the PostgreSQL store (with {@code eto4j.store=postgres}). */
    public static class Postgres {
        /** Create or upgrade eto4j's tables at start-up; off when a deployment step runs the migrations. */
        private boolean migrate = true;

        /**
         * Hear other nodes' events through LISTEN/NOTIFY (one connection held outside the pool); off behind a
         * pooler that does not pass NOTIFY, the store then polls.
         */
        private boolean listen = true;

        /** This node's id in the task table (1-64 of {@code [A-Za-z0-9_.-]}); unset: {@code node-<random>}. */
        private String nodeId;

        /** How long finished tasks and their events are kept; unset: 7 days. */
        private Duration retainFinished;

        /** @return whether migrations run at start-up */
        public boolean isMigrate() {
            return migrate;
        }

        /** @param migrate whether migrations run at start-up */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        /** @return whether the store listens for notifications */
        public boolean isListen() {
            return listen;
        }

        /** @param listen whether the store listens for notifications */
        public void setListen(boolean listen) {
            this.listen = listen;
        }

        /** @return the node id, or {@code null} for a random one */
        public String getNodeId() {
            return nodeId;
        }

        /** @param nodeId the node id */
        public void setNodeId(String nodeId) {
            this.nodeId = nodeId;
        }

        /** @return the retention of finished tasks, or {@code null} for the store's default */
        public Duration getRetainFinished() {
            return retainFinished;
        }

        /** @param retainFinished the retention of finished tasks */
        public void setRetainFinished(Duration retainFinished) {
            this.retainFinished = retainFinished;
        }
    }
}
