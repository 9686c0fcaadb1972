package org.eto4j.examples.webapp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eto4j.progress.TaskEngine;

/**
 * Whether this instance should get traffic: the engine runs (not shut down) and the task store answers (for
 * PostgreSQL: a pooled connection that passes its validity check). The store check runs on one thread of its
 * own and is awaited at most {@link #STORE_CHECK_TIMEOUT}: a load balancer's probe gets its answer in time while
 * the database is unreachable, and probes arriving meanwhile share the check in flight instead of piling up.
 */
final class Readiness implements AutoCloseable {
    /** Longest wait for the store's answer before it counts as down; below the usual 2-5 s of a probe's timeout. */
    static final Duration STORE_CHECK_TIMEOUT = Duration.ofMillis(1500);

    /** The value of a check that passed. */
    static final String UP = "UP";
    /** The value of a check that failed. */
    static final String DOWN = "DOWN";

    private final TaskEngine engine;
    private final TaskStores stores;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "eto-webapp-readiness");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> inFlight;
    private volatile boolean stopping;

    Readiness(TaskEngine engine, TaskStores stores) {
        this.engine = engine;
        this.stores = stores;
    }

    /** Marks the instance as going away: ready answers DOWN from now on, so the balancer drains it first. */
    void stopping() {
        stopping = true;
    }

    /** Each check's result, {@code engine} and {@code store}, in that order. */
    Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("engine", !stopping && !engine.isShutdown() ? UP : DOWN);
        checks.put("store", storeAnswers() ? UP : DOWN);
        return checks;
    }

    private boolean storeAnswers() {
        CompletableFuture<Boolean> check;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(stores::answers, checker);
            }
            check = inFlight;
        }
        try {
            return check.get(STORE_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
