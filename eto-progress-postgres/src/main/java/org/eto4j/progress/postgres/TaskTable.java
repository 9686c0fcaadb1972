package org.eto4j.progress.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.store.TaskStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The SQL of the store: every statement on {@code eto_task} and {@code eto_task_event}, and the mapping of rows
 * to snapshots and events. Holds no state of its own beyond the connection pool and the JSON codec, so the store,
 * its event relay and its reaper can share one instance. Each statement that writes an event or (re-)queues a
 * task sends its {@code NOTIFY} in the same statement or transaction, so a listener never hears of a write that
 * was rolled back.
 */
final class TaskTable implements EventRelay.Reader {
    static final String EVENT_CHANNEL = "eto_task_event";
    static final String QUEUE_CHANNEL = "eto_task_queued";
    private static final String COLUMNS = "id, type, state, attempt, seq, created_at, started_at, ended_at,"
            + " progress::text AS progress, cancel_requested, outcome::text AS outcome, parameters::text AS parameters,"
            + " timeout_ms, retry::text AS retry";

    private final Jdbi jdbi;
    private final JsonCodec codec;

    TaskTable(Jdbi jdbi, JsonCodec codec) {
        this.jdbi = jdbi;
        this.codec = codec;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    JsonCodec codec() {
        return codec;
    }

    // ---- the store's statements ----

    /** Inserts a queued task and announces it on the queue channel; 0 when the id exists already. */
    long insert(TaskSnapshot task, TaskOptions options, String parameters) {
        return db("create", () -> jdbi.withHandle(h -> h.createQuery("""
                WITH i AS (
                  INSERT INTO eto_task (id, type, state, attempt, seq, created_at, progress, parameters,
                                        timeout_ms, retry)
                  VALUES (:id, :type, :state, :attempt, :seq, :createdAt, CAST(:progress AS jsonb),
                          CAST(:parameters AS jsonb), :timeoutMs, CAST(:retry AS jsonb))
                  ON CONFLICT (id) DO NOTHING
                  RETURNING id),
                n AS (SELECT pg_notify(:channel, :payload) FROM i)
                SELECT (SELECT count(*) FROM i) + 0 * (SELECT count(*) FROM n)""")
                .bind("id", task.id().value())
                .bind("type", task.type())
                .bind("state", task.state().wireName())
                .bind("attempt", task.attempt())
                .bind("seq", task.seq())
                .bind("createdAt", time(task.createdAt()))
                .bind("progress", codec.progress(task.progress()))
                .bind("parameters", parameters)
                .bind("timeoutMs", options.timeout().map(Duration::toMillis).orElse(null))
                .bind("retry", options.retry().map(codec::retry).orElse(null))
                .bind("channel", QUEUE_CHANNEL)
                .bind("payload", payload(task.id(), task.seq()))
                .mapTo(Long.class).one()));
    }

    /**
     * Writes the snapshot and the event, fenced by holder and sequence number (only {@code owner} may write, and
     * only a higher sequence number), keeps the newest {@code progressEventsKept} progress events (none once
     * terminal), and announces the event.
     *
     * @return the number of events written: 0 for a stale write
     */
    long write(TaskSnapshot task, TaskEvent event, String owner, int progressEventsKept) {
        TaskId id = task.id();
        boolean terminal = task.isTerminal();
        boolean progress = event instanceof TaskEvent.Progress;
        return db("append", () -> jdbi.withHandle(h -> h.createQuery("""
                WITH u AS (
                  UPDATE eto_task SET state = :state, attempt = :attempt, seq = :seq, started_at = :startedAt,
                         ended_at = :endedAt, progress = CAST(:progress AS jsonb), outcome = CAST(:outcome AS jsonb),
                         cancel_requested = cancel_requested OR :cancel,
                         owner = CASE WHEN :terminal THEN NULL ELSE owner END,
                         lease_until = CASE WHEN :terminal THEN NULL ELSE lease_until END,
                         updated_at = now()
                  WHERE id = :id AND seq < :seq AND owner IS NOT DISTINCT FROM :owner
                  RETURNING id),
                e AS (
                  INSERT INTO eto_task_event (task_id, seq, type, body)
                  SELECT id, :seq, :type, CAST(:body AS jsonb) FROM u
                  RETURNING task_id),
                d AS (
                  DELETE FROM eto_task_event
                  WHERE task_id = :id AND type = 'progress' AND EXISTS (SELECT 1 FROM u)
                    AND (:terminal OR (:isProgress AND seq <= (
                      SELECT seq FROM eto_task_event WHERE task_id = :id AND type = 'progress'
                      ORDER BY seq DESC OFFSET :keep LIMIT 1)))),
                n AS (SELECT pg_notify(:channel, :payload) FROM e)
                SELECT (SELECT count(*) FROM e) + 0 * (SELECT count(*) FROM n)""")
                .bind("id", id.value())
                .bind("state", task.state().wireName())
                .bind("attempt", task.attempt())
                .bind("seq", event.seq())
                .bind("startedAt", task.startedAt().map(TaskTable::time).orElse(null))
                .bind("endedAt", task.endedAt().map(TaskTable::time).orElse(null))
                .bind("progress", codec.progress(task.progress()))
                .bind("outcome", task.outcome().map(codec::event).orElse(null))
                .bind("cancel", task.cancelRequested())
                .bind("terminal", terminal)
                .bind("isProgress", progress)
                .bind("keep", Math.max(0, progressEventsKept - 1))
                .bind("owner", owner)
                .bind("type", event.type())
                .bind("body", codec.event(event))
                .bind("channel", EVENT_CHANNEL)
                .bind("payload", payload(id, event.seq()))
                .mapTo(Long.class).one()));
    }

    Optional<TaskSnapshot> find(TaskId id) {
        return db("find", () -> jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                + " FROM eto_task WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> snapshot(rs)).findOne()));
    }

    List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
        return db("eventsAfter", () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT body::text FROM eto_task_event WHERE task_id = :id AND seq > :after ORDER BY seq")
                .bind("id", id.value())
                .bind("after", afterSeq)
                .map((rs, ctx) -> codec.event(id, rs.getString(1))).list()));
    }

    /** Sets the cancellation flag of a task that has not ended and has none; the task as it then is. */
    Optional<TaskSnapshot> requestCancel(TaskId id) {
        return db("requestCancel", () -> jdbi.inTransaction(h -> {
            Optional<Row> row = lockRow(h, "id = :id", Map.of("id", id.value()));
            if (row.isEmpty()) {
                return Optional.<TaskSnapshot>empty();
            }
            TaskSnapshot s = row.get().task();
            if (s.isTerminal() || s.cancelRequested()) {
                return Optional.of(s);
            }
            // Only the flag: the holder's engine acts on it, or the engine that claims the task cancels it at once.
            h.createUpdate("UPDATE eto_task SET cancel_requested = true, updated_at = now() WHERE id = :id")
                    .bind("id", id.value()).execute();
            return Optional.of(s.withCancelRequested());
        }));
    }

    void delete(TaskId id) {
        db("remove",
                () -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM eto_task WHERE id = :id")
                        .bind("id", id.value()).execute()));
    }

    // ---- the shared queue ----

    /** Claims up to {@code max} queued tasks of the given types, oldest first, skipping rows other nodes lock. */
    List<TaskStore.ClaimedTask> claim(String nodeId, Set<String> types, int max, Duration lease) {
        return db("claim", () -> jdbi.withHandle(h -> h.createQuery("""
                UPDATE eto_task t
                SET owner = :node, lease_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                WHERE t.id IN (
                  SELECT id FROM eto_task
                  WHERE state = 'queued' AND owner IS NULL AND run_after <= now() AND type = ANY(:types)
                  ORDER BY created_at
                  LIMIT :max
                  FOR UPDATE SKIP LOCKED)
                """ + "RETURNING " + COLUMNS.replace("id,", "t.id,"))
                .bind("node", nodeId)
                .bind("leaseSeconds", seconds(lease))
                .bindArray("types", String.class, types)
                .bind("max", max)
                .map((rs, ctx) -> {
                    TaskSnapshot s = snapshot(rs);
                    long timeoutMs = rs.getLong("timeout_ms");
                    TaskOptions o = TaskOptions.defaults().withType(s.type());
                    if (!rs.wasNull()) {
                        o = o.withTimeout(Duration.ofMillis(timeoutMs));
                    }
                    String retry = rs.getString("retry");
                    if (retry != null) {
                        o = o.withRetry(codec.retry(retry));
                    }
                    return new TaskStore.ClaimedTask(s, o, codec.object(rs.getString("parameters")));
                }).list()));
    }

    /** Hands queued tasks held by {@code nodeId} back to the queue and announces them. */
    void release(String nodeId, List<String> ids) {
        db("release", () -> jdbi.withHandle(h -> h.createQuery("""
                WITH u AS (
                  UPDATE eto_task SET owner = NULL, lease_until = NULL, run_after = now(), updated_at = now()
                  WHERE id = ANY(:ids) AND owner = :node AND state = 'queued'
                  RETURNING id, seq)
                SELECT count(pg_notify(:channel, '{"taskId":"' || id || '","seq":' || seq || '}')) FROM u""")
                .bindArray("ids", String.class, ids)
                .bind("node", nodeId)
                .bind("channel", QUEUE_CHANNEL)
                .mapTo(Long.class).one()));
    }

    /** Extends the leases {@code nodeId} holds on the given tasks; the number renewed. */
    int renewLeases(String nodeId, List<String> ids, Duration lease) {
        return db("renew", () -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE eto_task SET lease_until = now() + make_interval(secs => :leaseSeconds)
                WHERE owner = :node AND id = ANY(:ids)""")
                .bind("leaseSeconds", seconds(lease))
                .bind("node", nodeId)
                .bindArray("ids", String.class, ids)
                .execute()));
    }

    // ---- leases and retention (the reaper's statements, inside its transaction) ----

    /** Up to 100 rows whose lease expired, locked for this transaction (rows other nodes lock are skipped). */
    List<Row> lockExpired(Handle h) {
        return lockRows(h, "owner IS NOT NULL AND lease_until < now() ORDER BY lease_until LIMIT 100", Map.of());
    }

    /** Puts a task back in the queue at once and announces it. */
    void requeue(Handle h, TaskId id) {
        h.createUpdate("""
                UPDATE eto_task SET owner = NULL, lease_until = NULL, run_after = now(), updated_at = now()
                WHERE id = :id""")
                .bind("id", id.value()).execute();
        h.createQuery("SELECT count(pg_notify(:channel, :payload))")
                .bind("channel", QUEUE_CHANNEL).bind("payload", payload(id, 0)).mapTo(Long.class).one();
    }

    /** Drops the holder of a task (a row in a state no holder needs). */
    void disown(Handle h, TaskId id) {
        h.createUpdate("UPDATE eto_task SET owner = NULL, lease_until = NULL WHERE id = :id")
                .bind("id", id.value()).execute();
    }

    /**
     * Writes an event for a row locked by this transaction, as the task's writer of last resort (the reaper).
     */
    TaskSnapshot writeLocked(Handle h, TaskSnapshot base, TaskEvent event) {
        TaskSnapshot next = base;
        if (event instanceof TaskEvent.Terminal t) {
            next = new TaskSnapshot(base.id(), base.type(), t.state(), base.attempt(), event.seq(), base.createdAt(),
                    base.startedAt(), Optional.of(event.timestamp()), base.progress(),
                    base.cancelRequested(), Optional.of(t));
        }
        boolean terminal = next.isTerminal();
        h.createUpdate("""
                UPDATE eto_task SET state = :state, attempt = :attempt, seq = :seq, ended_at = :endedAt,
                       outcome = CAST(:outcome AS jsonb), cancel_requested = :cancel, updated_at = now(),
                       owner = CASE WHEN :terminal THEN NULL ELSE owner END,
                       lease_until = CASE WHEN :terminal THEN NULL ELSE lease_until END
                WHERE id = :id""")
                .bind("id", base.id().value())
                .bind("state", next.state().wireName())
                .bind("attempt", next.attempt())
                .bind("seq", event.seq())
                .bind("endedAt", next.endedAt().map(TaskTable::time).orElse(null))
                .bind("outcome", next.outcome().map(codec::event).orElse(null))
                .bind("cancel", next.cancelRequested())
                .bind("terminal", terminal)
                .execute();
        h.createUpdate("INSERT INTO eto_task_event (task_id, seq, type, body)"
                        + " VALUES (:id, :seq, :type, CAST(:body AS jsonb))")
                .bind("id", base.id().value()).bind("seq", event.seq()).bind("type", event.type())
                .bind("body", codec.event(event))
                .execute();
        if (terminal) {
            h.createUpdate("DELETE FROM eto_task_event WHERE task_id = :id AND type = 'progress'")
                    .bind("id", base.id().value()).execute();
        }
        h.createQuery("SELECT count(pg_notify(:channel, :payload))")
                .bind("channel", EVENT_CHANNEL).bind("payload", payload(base.id(), event.seq()))
                .mapTo(Long.class).one();
        return next;
    }

    /** Marks a finished task's result read, once; whether it was marked now. */
    boolean markRead(TaskId id) {
        return db("markRead", () -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE eto_task SET read_at = now()
                WHERE id = :id AND read_at IS NULL AND state IN ('succeeded', 'failed', 'cancelled')""")
                .bind("id", id.value()).execute())) > 0;
    }

    /** Deletes up to 1,000 finished tasks past retention, oldest last write first; the number deleted. */
    int purgeFinished(Duration retainFinished, Duration retainUnread) {
        return db("purge", () -> jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM eto_task WHERE id IN (
                  SELECT id FROM eto_task
                  WHERE state IN ('succeeded', 'failed', 'cancelled')
                    AND ((read_at IS NOT NULL AND updated_at < now() - make_interval(secs => :retain))
                         OR updated_at < now() - make_interval(secs => :retainUnread))
                  ORDER BY updated_at
                  LIMIT 1000)""")
                .bind("retain", seconds(retainFinished))
                .bind("retainUnread", seconds(retainUnread))
                .execute()));
    }

    // ---- reading events for the relay ----

    /** The events after {@code afters[i]} of each task {@code ids[i]}, by task then sequence number. */
    @Override
    public List<TaskEvent> eventsAfter(List<String> ids, List<Long> afters) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT e.task_id, e.body::text FROM eto_task_event e
                JOIN unnest(:ids, :afters) AS w(id, after) ON e.task_id = w.id AND e.seq > w.after
                ORDER BY e.task_id, e.seq""")
                .bindArray("ids", String.class, ids)
                .bindArray("afters", Long.class, afters)
                .map((rs, ctx) -> codec.event(TaskId.of(rs.getString(1)), rs.getString(2))).list());
    }

    /** Every event written at or after {@code since} (database clock), by task then sequence number. */
    @Override
    public List<TaskEvent> eventsWrittenSince(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT task_id, body::text FROM eto_task_event WHERE written_at >= :since ORDER BY task_id, seq""")
                .bind("since", time(since))
                .map((rs, ctx) -> codec.event(TaskId.of(rs.getString(1)), rs.getString(2))).list());
    }

    /** The database clock, through the pool. */
    @Override
    public Instant now() {
        return db("now", () -> jdbi.withHandle(h -> h.createQuery("SELECT now()")
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class).toInstant()).one()));
    }

    /** The database clock, on the given connection (the LISTEN connection: also detects that it died). */
    static Instant now(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    // ---- rows ----

    /** A task row locked for update, with what the store needs beyond the snapshot. */
    record Row(TaskSnapshot task, String owner, Instant dbNow) {
    }

    private Optional<Row> lockRow(Handle h, String where, Map<String, Object> binds) {
        List<Row> rows = lockRows(h, where, binds);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<Row> lockRows(Handle h, String whereAndRest, Map<String, Object> binds) {
        boolean skipLocked = whereAndRest.contains("LIMIT");
        var q = h.createQuery("SELECT " + COLUMNS + ", owner, now() AS db_now FROM eto_task WHERE " + whereAndRest
                + (skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE"));
        binds.forEach(q::bind);
        return q.map((rs, ctx) -> new Row(snapshot(rs), rs.getString("owner"),
                rs.getObject("db_now", OffsetDateTime.class).toInstant())).list();
    }

    private TaskSnapshot snapshot(ResultSet rs) throws SQLException {
        TaskId id = TaskId.of(rs.getString("id"));
        String outcome = rs.getString("outcome");
        return new TaskSnapshot(id, rs.getString("type"), TaskState.fromWireName(rs.getString("state")),
                rs.getInt("attempt"), rs.getLong("seq"), instant(rs, "created_at"),
                Optional.ofNullable(instant(rs, "started_at")), Optional.ofNullable(instant(rs, "ended_at")),
                codec.progress(rs.getString("progress")), rs.getBoolean("cancel_requested"),
                outcome == null ? Optional.empty() : Optional.of((TaskEvent.Terminal) codec.event(id, outcome)));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime time(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** The NOTIFY payload of an event or a queued task. */
    static String payload(TaskId id, long seq) {
        return "{\"taskId\":\"" + id.value() + "\",\"seq\":" + seq + "}"; // ids are [A-Za-z0-9_-]: no escaping needed
    }

    /** Runs a statement, turning Jdbi's failures into the store's own error. */
    static <T> T db(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new PostgresStoreException(PostgresStoreErrorCode.DATABASE_ERROR, e, operation);
        }
    }

    static List<String> values(Collection<TaskId> ids) {
        return ids.stream().map(TaskId::value).toList();
    }
}
