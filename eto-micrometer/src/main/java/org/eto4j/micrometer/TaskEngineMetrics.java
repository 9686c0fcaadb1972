package org.eto4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskObserver;
import org.eto4j.progress.TaskSnapshot;

/**
 * Metrics of a {@link TaskEngine}: tasks submitted, started, retried, ended and timed out by task type, how long
 * they ran and waited, and the engine's queue and running gauges. Counts come from a {@link TaskObserver} the
 * binder registers on the engine (so only tasks this engine handles are counted), gauges from
 * {@link TaskEngine#stats()}.
 *
 * <pre>{@code
 * TaskEngineMetrics metrics = new TaskEngineMetrics(engine, Tags.of("app", "irrigation"));
 * metrics.bindTo(registry);              // any MeterRegistry; Spring Boot binds MeterBinder beans itself
 * ...
 * metrics.close();                       // unregisters the observer (meters stay in the registry)
 * }</pre>
 *
 * <p>Meter names and tags are listed in the module README. The {@code type} tag is the task type
 * ({@link org.eto4j.progress.TaskOptions#type()}): keep task types a small, fixed set (they are in eto4j's own
 * task types and in those a host registers), as with any metric tag.
 */
public final class TaskEngineMetrics implements MeterBinder, AutoCloseable {
    /** Counter of accepted tasks; tag {@code type}. */
    public static final String SUBMITTED = "eto.tasks.submitted";
    /** Counter of attempts started; tag {@code type}. */
    public static final String STARTED = "eto.tasks.started";
    /** Counter of attempts that failed retryably and were queued again; tag {@code type}. */
    public static final String RETRIED = "eto.tasks.retried";
    /**
     * Counter of ended tasks; tags {@code type}, {@code outcome} ({@code succeeded|failed|cancelled}), {@code error}.
     */
    public static final String ENDED = "eto.tasks.ended";
    /** Counter of tasks failed by their time-out ({@code PRG-2001}); tag {@code type}. */
    public static final String TIMED_OUT = "eto.tasks.timed.out";
    /** Timer from the start of the first attempt to the end; tags {@code type}, {@code outcome}. */
    public static final String DURATION = "eto.tasks.duration";
    /** Timer from acceptance to the start of the first attempt; tag {@code type}. */
    public static final String WAIT = "eto.tasks.wait";
    /** Gauge of tasks waiting for a worker. */
    public static final String QUEUED = "eto.tasks.queued";
    /** Gauge of tasks running (or being cancelled) on the engine's workers. */
    public static final String RUNNING = "eto.tasks.running";
    /** Gauge of tasks waiting for a retry's backoff to elapse. */
    public static final String RETRY_WAITING = "eto.tasks.retry.waiting";
    /** Gauge of open subscriptions (listeners following tasks). */
    public static final String SUBSCRIPTIONS = "eto.tasks.subscriptions";

    /** The {@code error} tag of an ended task that did not fail. */
    static final String NO_ERROR = "none";

    private final TaskEngine engine;
    private final Tags tags;
    private final List<TaskObserver> observers = new CopyOnWriteArrayList<>();

    /**
     * Metrics of an engine, without extra tags.
     *
     * @param engine the engine
     */
    public TaskEngineMetrics(TaskEngine engine) {
        this(engine, Tags.empty());
    }

    /**
     * Metrics of an engine.
     *
     * @param engine the engine
     * @param tags   tags added to every meter (e.g. the engine's name when a host runs several)
     */
    public TaskEngineMetrics(TaskEngine engine, Iterable<Tag> tags) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Gauge.builder(QUEUED, engine, e -> e.stats().queued()).tags(tags)
                .description("Tasks waiting for a worker").baseUnit("tasks").register(registry);
        Gauge.builder(RUNNING, engine, e -> e.stats().running()).tags(tags)
                .description("Tasks running on the engine's workers").baseUnit("tasks").register(registry);
        Gauge.builder(RETRY_WAITING, engine, e -> e.stats().waitingForRetry()).tags(tags)
                .description("Tasks waiting for a retry's backoff").baseUnit("tasks").register(registry);
        Gauge.builder(SUBSCRIPTIONS, engine, e -> e.stats().openSubscriptions()).tags(tags)
                .description("Open subscriptions to task events").baseUnit("subscriptions").register(registry);
        Recorder recorder = new Recorder(registry, tags);
        observers.add(recorder);
        engine.addObserver(recorder);
    }

    /** Unregisters the binder's observers from the engine; the meters stay in their registries. */
    @Override
    public void close() {
        for (TaskObserver o : observers) {
            engine.removeObserver(o);
        }
        observers.clear();
    }

    /** Turns observer callbacks into meters of one registry; meters are looked up once per type and tag set. */
    private static final class Recorder implements TaskObserver {
        private final MeterRegistry registry;
        private final Tags tags;
        private final Map<String, Counter> submitted = new ConcurrentHashMap<>();
        private final Map<String, Counter> started = new ConcurrentHashMap<>();
        private final Map<String, Counter> retried = new ConcurrentHashMap<>();
        private final Map<String, Counter> timedOut = new ConcurrentHashMap<>();
        private final Map<String, Timer> waits = new ConcurrentHashMap<>();
        private final Map<List<String>, Counter> ended = new ConcurrentHashMap<>();
        private final Map<List<String>, Timer> durations = new ConcurrentHashMap<>();

        Recorder(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
        }

        @Override
        public void submitted(TaskSnapshot task) {
            counter(submitted, SUBMITTED, "Tasks accepted", task.type()).increment();
        }

        @Override
        public void started(TaskSnapshot task) {
            counter(started, STARTED, "Task attempts started", task.type()).increment();
            if (task.attempt() == 1 && task.startedAt().isPresent()) {
                waits.computeIfAbsent(task.type(), t -> Timer.builder(WAIT).tags(tags).tag("type", t)
                        .description("Time from acceptance to the first attempt's start").register(registry))
                        .record(Duration.between(task.createdAt(), task.startedAt().get()));
            }
        }

        @Override
        public void retrying(TaskSnapshot task, TaskError error) {
            counter(retried, RETRIED, "Task attempts failed retryably and queued again", task.type()).increment();
        }

        @Override
        public void ended(TaskSnapshot task) {
            String type = task.type();
            String outcome = task.state().wireName();
            String error = NO_ERROR;
            if (task.outcome().orElse(null) instanceof TaskEvent.Failed failed) {
                error = failed.error().code();
                if (ProgressErrorCode.TIMEOUT.code().equals(error)) {
                    counter(timedOut, TIMED_OUT, "Tasks failed by their time-out", type).increment();
                }
            }
            String errorTag = error;
            ended.computeIfAbsent(List.of(type, outcome, errorTag), k -> Counter.builder(ENDED).tags(tags)
                    .tag("type", type).tag("outcome", outcome).tag("error", errorTag)
                    .description("Tasks ended, by outcome").baseUnit("tasks").register(registry)).increment();
            if (task.startedAt().isPresent() && task.endedAt().isPresent()) {
                durations.computeIfAbsent(List.of(type, outcome), k -> Timer.builder(DURATION).tags(tags)
                        .tag("type", type).tag("outcome", outcome)
                        .description("Time from the first attempt's start to the task's end").register(registry))
                        .record(Duration.between(task.startedAt().get(), task.endedAt().get()));
            }
        }

        private Counter counter(Map<String, Counter> cache, String name, String description, String type) {
            return cache.computeIfAbsent(type, t -> Counter.builder(name).tags(tags).tag("type", t)
                    .description(description).baseUnit("tasks").register(registry));
        }
    }
}
