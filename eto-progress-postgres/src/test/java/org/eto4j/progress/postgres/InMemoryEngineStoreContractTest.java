package org.eto4j.progress.postgres;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;

/** The contract on eto-progress's in-memory store (retention driven by a fake ticker). */
class InMemoryEngineStoreContractTest extends EngineStoreContract {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Override
    protected TaskStore newStore() {
        return InMemoryTaskStore.builder().ticker(ticker).build();
    }

    @Override
    protected void expireFinished(TaskStore store) {
        nanos.addAndGet(InMemoryTaskStore.DEFAULT_RETAIN_FINISHED.plus(Duration.ofSeconds(1)).toNanos());
        ((InMemoryTaskStore) store).cleanUp();
    }
}
