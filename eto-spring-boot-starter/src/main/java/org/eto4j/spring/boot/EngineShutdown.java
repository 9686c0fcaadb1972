package org.eto4j.spring.boot;

import java.time.Duration;
import org.eto4j.progress.TaskEngine;
import org.springframework.beans.factory.DisposableBean;

/**
 * Shuts the auto-configured engine down with {@code eto4j.engine.shutdown-deadline}: from {@link Eto4jLifecycle} when
 * the application stops, else (a context that was never started) when it is destroyed. A bean of its own because a
 * bean's destroy method takes no argument; it depends on the engine, so Spring destroys it before the engine and
 * the store. Shutting down twice is harmless.
 */
final class EngineShutdown implements DisposableBean {
    private final TaskEngine engine;
    private final Duration deadline;

    EngineShutdown(TaskEngine engine, Duration deadline) {
        this.engine = engine;
        this.deadline = deadline;
    }

    @Override
    public void destroy() {
        engine.shutdown(deadline);
    }
}
