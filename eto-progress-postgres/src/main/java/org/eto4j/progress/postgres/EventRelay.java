package org.eto4j.progress.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings other nodes' events and queue announcements to this node: one LISTEN connection (outside the pool) on
 * {@code eto_task_event} and {@code eto_task_queued}; for each announced event it reads the events after the
 * last one delivered and hands them to the sinks ({@link org.eto4j.progress.store.TaskStore#watch}), in order and
 * each once; a queue announcement calls the wakers ({@link org.eto4j.progress.store.TaskStore#watchQueue}).
 * After a lost connection it reconnects with backoff (100 ms doubling to 5 s) and re-reads what was written
 * meanwhile; while not listening, {@link #poll()} reads what was written since the last poll.
 */
final class EventRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    /** How far back a node re-reads events after it was disconnected, beyond its last sign of life (commit lag). */
    static final Duration RESYNC_MARGIN = Duration.ofSeconds(5);
    /** Tasks whose last delivered event number a node remembers (least recently used forgotten first). */
    static final int DELIVERED_REMEMBERED = 100_000;

    /** Where the relay reads events and the database clock: the {@link TaskTable}, or a stand-in in tests. */
    interface Reader {
        /** The events after {@code afters[i]} of each task {@code ids[i]}, by task then sequence number. */
        List<TaskEvent> eventsAfter(List<String> ids, List<Long> afters);

        /** Every event written at or after {@code since}, by task then sequence number. */
        List<TaskEvent> eventsWrittenSince(Instant since);

        /** The database clock. */
        Instant now();
    }

    private final Reader reader;
    private final JsonCodec codec;
    private final DataSource listenerDataSource;
    private final String nodeId;
    private final Duration pollInterval;
    private final List<Consumer<TaskEvent>> sinks = new CopyOnWriteArrayList<>();
    private final List<Runnable> wakers = new CopyOnWriteArrayList<>();
    private final Object deliverLock = new Object();
    private final Map<TaskId, Long> delivered = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TaskId, Long> eldest) {
            return size() > DELIVERED_REMEMBERED;
        }
    };
    private final AtomicLong reconnects = new AtomicLong();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private Thread listener;
    private volatile boolean closed;
    private volatile boolean listening;
    private volatile Connection listenConnection;
    /** Database time of the last moment events are known to have been read (LISTEN alive, or last poll). */
    private volatile Instant caughtUpTo;

    /**
     * @param listenerDataSource where the LISTEN connection comes from; {@code null}: never listen, only poll
     */
    EventRelay(Reader reader, JsonCodec codec, DataSource listenerDataSource, String nodeId, Duration pollInterval) {
        this.reader = reader;
        this.codec = codec;
        this.listenerDataSource = listenerDataSource;
        this.nodeId = nodeId;
        this.pollInterval = pollInterval;
        this.caughtUpTo = reader.now();
    }

    /** Starts the LISTEN thread (when there is a listener data source). */
    EventRelay start() {
        if (listenerDataSource != null) {
            listener = new Thread(this::listenLoop, "eto-pg-listen-" + nodeId);
            listener.setDaemon(true);
            listener.start();
        }
        return this;
    }

    /** Whether the relay was built to listen (it may still be between connections). */
    boolean listens() {
        return listener != null;
    }

    boolean isListening() {
        return listening;
    }

    long reconnects() {
        return reconnects.get();
    }

    AutoCloseable watch(Consumer<TaskEvent> sink) {
        sinks.add(sink);
        return () -> sinks.remove(sink);
    }

    AutoCloseable watchQueue(Runnable wake) {
        wakers.add(wake);
        return () -> wakers.remove(wake);
    }

    /** Records that this node wrote (and so delivered) the task's events up to {@code seq}. */
    void markDelivered(TaskId id, long seq) {
        synchronized (deliverLock) {
            delivered.merge(id, seq, Math::max);
        }
    }

    private void wake() {
        for (Runnable w : wakers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.warn("queue wake-up callback failed", e);
            }
        }
    }

    /** Reads and hands over the events after the ones delivered, for tasks announced by NOTIFY. */
    private void fetchAnnounced(Map<TaskId, long[]> announced) {
        List<String> ids = new ArrayList<>();
        List<Long> afters = new ArrayList<>();
        synchronized (deliverLock) {
            for (Map.Entry<TaskId, long[]> e : announced.entrySet()) {
                Long d = delivered.get(e.getKey());
                // A task first heard of now: from its first announced event (earlier ones reach a subscriber
                // through its snapshot's replay).
                long after = d != null ? d : e.getValue()[0] - 1;
                if (after < e.getValue()[1]) {
                    ids.add(e.getKey().value());
                    afters.add(after);
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        deliver(reader.eventsAfter(ids, afters));
    }

    /** Reads every event written since {@code since} (after a lost LISTEN connection, or when polling). */
    private void fetchSince(Instant since) {
        deliver(reader.eventsWrittenSince(since.minus(RESYNC_MARGIN)));
    }

    private void deliver(List<TaskEvent> events) {
        synchronized (deliverLock) { // one deliverer at a time keeps each task's events in order
            for (TaskEvent e : events) {
                Long d = delivered.get(e.taskId());
                if (d != null && e.seq() <= d) {
                    continue;
                }
                delivered.put(e.taskId(), e.seq());
                for (Consumer<TaskEvent> sink : sinks) {
                    try {
                        sink.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.warn("event sink failed on {}", e, ex);
                    }
                }
            }
        }
    }

    /** Without LISTEN (or while it is lost): catches up on events by reading. Called every poll interval. */
    void poll() {
        if (listening || closed) {
            return;
        }
        Instant now = reader.now();
        if (!sinks.isEmpty()) {
            fetchSince(caughtUpTo);
        }
        caughtUpTo = now;
    }

    private void listenLoop() {
        long backoffMillis = 100;
        boolean first = true;
        while (!closed) {
            boolean again = !first;
            first = false;
            try (Connection c = listenerDataSource.getConnection()) {
                listenConnection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("SET application_name = 'eto4j-listen-" + nodeId.replace("'", "") + "'");
                    st.execute("LISTEN " + TaskTable.EVENT_CHANNEL);
                    st.execute("LISTEN " + TaskTable.QUEUE_CHANNEL);
                }
                Instant since = caughtUpTo;
                listening = true;
                if (again) {
                    reconnects.incrementAndGet();
                }
                backoffMillis = 100;
                // Whatever was written while not listening: read it now (duplicates are filtered by seq).
                if (!sinks.isEmpty()) {
                    fetchSince(since);
                }
                wake(); // work may have been submitted meanwhile
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] ns = pg.getNotifications((int) Math.max(1, pollInterval.toMillis()));
                    if (ns != null && ns.length > 0) {
                        handle(ns);
                    }
                    caughtUpTo = TaskTable.now(c); // also detects a dead connection
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    break;
                }
                LOG.warn("LISTEN connection of node {} lost; reconnecting in {} ms (polling meanwhile)",
                        nodeId, backoffMillis, e);
                try {
                    if (closedLatch.await(backoffMillis, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException ie) {
                    break;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            } finally {
                listening = false;
                listenConnection = null;
            }
        }
    }

    /** Acts on a batch of notifications: wakes the engines once for any queue announcement, reads announced events. */
    void handle(PGNotification[] ns) {
        Map<TaskId, long[]> announced = new LinkedHashMap<>();
        boolean queued = false;
        for (PGNotification n : ns) {
            if (TaskTable.QUEUE_CHANNEL.equals(n.getName())) {
                queued = true;
                continue;
            }
            try {
                JsonNode p = codec.tree(n.getParameter());
                long seq = p.get("seq").asLong();
                // The earliest and the latest announced event of each task: a task first heard of in this batch is
                // read from its earliest (from the latest, the events before it would be skipped).
                announced.merge(TaskId.of(p.get("taskId").asText()), new long[] {seq, seq},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            } catch (RuntimeException e) {
                LOG.debug("ignored notification {} on {}", n.getParameter(), n.getName());
            }
        }
        if (queued) {
            wake();
        }
        if (!announced.isEmpty() && !sinks.isEmpty()) {
            fetchAnnounced(announced);
        }
    }

    /** Stops the LISTEN thread and closes its connection. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closedLatch.countDown();
        if (listener != null) {
            Connection c = listenConnection;
            if (c != null) {
                try {
                    c.close(); // wakes getNotifications
                } catch (SQLException e) {
                    LOG.debug("closing the LISTEN connection failed", e);
                }
            }
            listener.interrupt();
            try {
                listener.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
