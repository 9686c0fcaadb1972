package org.eto4j.spring.boot;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Stops eto4j when the application stops, in the highest lifecycle phase — before Spring Boot's graceful shutdown
 * and the web server: first the transports, so that open event streams and WebSocket sessions end with close code
 * 1001 (clients reconnect elsewhere and resume) instead of a dropped connection, and a graceful shutdown does not
 * wait its whole timeout for event streams, which never end by themselves; then the auto-configured engine
 * ({@code eto4j.engine.shutdown-deadline}), before the application executor its workers may run on stops.
 */
public final class Eto4jLifecycle implements SmartLifecycle {

    /** The name of the auto-configured lifecycle bean. */
    public static final String BEAN_NAME = "etoLifecycle";

    /** A transport's stop action, registered as a bean beside the transport. */
    @FunctionalInterface
    public interface Stoppable {
        /** Stops the transport; idempotent. */
        void stop();
    }

    private final ObjectProvider<Stoppable> transports;
    private final ObjectProvider<EngineShutdown> engine;
    private final AtomicBoolean running = new AtomicBoolean();

    Eto4jLifecycle(ObjectProvider<Stoppable> transports, ObjectProvider<EngineShutdown> engine) {
        this.transports = transports;
        this.engine = engine;
    }

    @Override
    public void start() {
        running.set(true);
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            transports.orderedStream().forEach(Stoppable::stop);
            engine.ifAvailable(EngineShutdown::destroy);
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** {@link SmartLifecycle#DEFAULT_PHASE}: the highest, so stopped first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
