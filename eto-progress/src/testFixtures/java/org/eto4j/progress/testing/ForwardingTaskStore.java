package org.eto4j.progress.testing;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eto4j.progress.Health;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.store.TaskStore;

/**
 * A {@link TaskStore} that hands every call to another store: extend it and override the calls a test wants to
 * hold, fail, count or drop (as Guava's {@code Forwarding*} classes do).
 */
public class ForwardingTaskStore implements TaskStore {
    private final TaskStore delegate;

    /**
     * A store that forwards to {@code delegate}.
     *
     * @param delegate the store that does the work
     */
    public ForwardingTaskStore(TaskStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls are forwarded to. */
    protected TaskStore delegate() {
        return delegate;
    }

    @Override
    public void create(TaskSnapshot task, TaskOptions options, Object parameters) {
        delegate.create(task, options, parameters);
    }

    @Override
    public void append(TaskSnapshot task, TaskEvent event) {
        delegate.append(task, event);
    }

    @Override
    public Optional<TaskSnapshot> find(TaskId id) {
        return delegate.find(id);
    }

    @Override
    public List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
        return delegate.eventsAfter(id, afterSeq);
    }

    @Override
    public Optional<TaskSnapshot> requestCancel(TaskId id) {
        return delegate.requestCancel(id);
    }

    @Override
    public void remove(TaskId id) {
        delegate.remove(id);
    }

    @Override
    public AutoCloseable watch(Consumer<TaskEvent> sink) {
        return delegate.watch(sink);
    }

    @Override
    public AutoCloseable watchQueue(Runnable wake) {
        return delegate.watchQueue(wake);
    }

    @Override
    public boolean sharedQueue() {
        return delegate.sharedQueue();
    }

    @Override
    public List<ClaimedTask> claim(String nodeId, Set<String> types, int max) {
        return delegate.claim(nodeId, types, max);
    }

    @Override
    public void renewLeases(String nodeId, Collection<TaskId> held) {
        delegate.renewLeases(nodeId, held);
    }

    @Override
    public void release(String nodeId, Collection<TaskId> tasks) {
        delegate.release(nodeId, tasks);
    }

    @Override
    public Health health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
