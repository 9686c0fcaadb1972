package org.eto4j.progress.postgres;

import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;
import org.eto4j.progress.store.TaskStoreContract;

/** The same store contract on the in-memory store, side by side with {@link PostgresTaskStoreContractTest}. */
class InMemoryTaskStoreContractTest extends TaskStoreContract {
    @Override
    protected TaskStore newStore() {
        return InMemoryTaskStore.create();
    }
}
