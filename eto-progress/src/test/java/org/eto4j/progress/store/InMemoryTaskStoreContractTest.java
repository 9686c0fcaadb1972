package org.eto4j.progress.store;

/** The in-memory store against the store contract. */
class InMemoryTaskStoreContractTest extends TaskStoreContract {
    @Override
    protected TaskStore newStore() {
        return InMemoryTaskStore.create();
    }
}
