package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;

/**
 * {@link EventRelay} alone, without a database: a stand-in reader holds the "written" events, and notifications are
 * handed in as the LISTEN connection would. Each event reaches the sinks once and in order.
 */
class EventRelayTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TaskId A = TaskId.of("task-a");
    private static final TaskId B = TaskId.of("task-b");

    /** The events "in the database", and what the relay asked for. */
    private static final class Table implements EventRelay.Reader {
        final List<TaskEvent> written = new CopyOnWriteArrayList<>();
        final List<String> reads = new CopyOnWriteArrayList<>();
        volatile Instant now = T0;

        @Override
        public List<TaskEvent> eventsAfter(List<String> ids, List<Long> afters) {
            reads.add("after " + ids + " " + afters);
            List<TaskEvent> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                for (TaskEvent e : written) {
                    if (e.taskId().value().equals(ids.get(i)) && e.seq() > afters.get(i)) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        @Override
        public List<TaskEvent> eventsWrittenSince(Instant since) {
            reads.add("since " + since);
            return List.copyOf(written);
        }

        @Override
        public Instant now() {
            return now;
        }
    }

    private final Table table = new Table();
    private final EventRelay relay = new EventRelay(table, new JsonCodec(new ObjectMapper()), null, "n1",
            Duration.ofSeconds(1));
    private final List<TaskEvent> delivered = new CopyOnWriteArrayList<>();

    private static TaskEvent heartbeat(TaskId id, long seq) {
        return new TaskEvent.Heartbeat(id, seq, T0);
    }

    private static PGNotification notification(String channel, String payload) {
        return new PGNotification() {
            @Override
            public String getName() {
                return channel;
            }

            @Override
            public int getPID() {
                return 1;
            }

            @Override
            public String getParameter() {
                return payload;
            }
        };
    }

    private static PGNotification event(TaskId id, long seq) {
        return notification(TaskTable.EVENT_CHANNEL, TaskTable.payload(id, seq));
    }

    @Test
    void aTaskFirstHeardOfIsReadFromItsEarliestAnnouncedEvent() {
        relay.watch(delivered::add);
        table.written.addAll(List.of(heartbeat(A, 1), heartbeat(A, 2), heartbeat(A, 3), heartbeat(B, 7)));
        relay.handle(new PGNotification[] {event(A, 3), event(A, 2), event(B, 7)});
        assertEquals(List.of(heartbeat(A, 2), heartbeat(A, 3), heartbeat(B, 7)), delivered,
                "from the earliest announced (earlier events reach a subscriber through its snapshot)");
    }

    @Test
    void eventsAreDeliveredOnceEvenWhenReadAgain() {
        relay.watch(delivered::add);
        table.written.addAll(List.of(heartbeat(A, 1), heartbeat(A, 2)));
        relay.handle(new PGNotification[] {event(A, 1), event(A, 2)});
        relay.handle(new PGNotification[] {event(A, 2)}); // announced twice
        relay.poll(); // and read again by a poll
        assertEquals(List.of(heartbeat(A, 1), heartbeat(A, 2)), delivered);
    }

    @Test
    void eventsThisNodeWroteAreNotDeliveredBack() {
        relay.watch(delivered::add);
        relay.markDelivered(A, 2);
        table.written.addAll(List.of(heartbeat(A, 1), heartbeat(A, 2), heartbeat(A, 3)));
        relay.handle(new PGNotification[] {event(A, 2)});
        assertEquals(List.of(), table.reads, "nothing newer was announced: no read");
        relay.handle(new PGNotification[] {event(A, 3)});
        assertEquals(List.of(heartbeat(A, 3)), delivered);
    }

    @Test
    void aQueueAnnouncementWakesTheEnginesOnceAndReadsNoEvents() {
        AtomicInteger wakes = new AtomicInteger();
        relay.watchQueue(wakes::incrementAndGet);
        relay.watch(delivered::add);
        relay.handle(new PGNotification[] {notification(TaskTable.QUEUE_CHANNEL, TaskTable.payload(A, 0)),
                notification(TaskTable.QUEUE_CHANNEL, TaskTable.payload(B, 0))});
        assertEquals(1, wakes.get());
        assertEquals(List.of(), table.reads);
    }

    @Test
    void aFailingSinkDoesNotStopTheOthersAndMalformedNotificationsAreIgnored() {
        relay.watch(e -> {
            throw new IllegalStateException("boom");
        });
        relay.watch(delivered::add);
        table.written.add(heartbeat(A, 1));
        relay.handle(new PGNotification[] {notification(TaskTable.EVENT_CHANNEL, "not json"), event(A, 1)});
        assertEquals(List.of(heartbeat(A, 1)), delivered);
    }

    @Test
    void pollingReadsFromTheLastPollLessTheResyncMargin() {
        relay.watch(delivered::add);
        table.written.add(heartbeat(A, 1));
        table.now = T0.plusSeconds(10);
        relay.poll();
        relay.poll();
        assertEquals(List.of("since " + T0.minus(EventRelay.RESYNC_MARGIN),
                "since " + T0.plusSeconds(10).minus(EventRelay.RESYNC_MARGIN)), table.reads);
        assertEquals(List.of(heartbeat(A, 1)), delivered);
    }

    @Test
    void withoutSinksNothingIsRead() throws Exception {
        AutoCloseable watch = relay.watch(delivered::add);
        watch.close();
        relay.handle(new PGNotification[] {event(A, 1)});
        relay.poll();
        assertEquals(List.of(), table.reads);
        assertFalse(relay.listens());
    }
}
