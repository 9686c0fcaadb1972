package org.eto4j.progress.postgres;

import org.eto4j.progress.store.TaskStore;
import org.eto4j.progress.store.TaskStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** eto-progress's store contract (from its test fixtures), which its in-memory store passes too, on PostgreSQL. */
class PostgresTaskStoreContractTest extends TaskStoreContract {
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
        db.store("schema").build().close(); // migrate once
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected TaskStore newStore() {
        db.execute("TRUNCATE eto_task CASCADE"); // the contract reuses task ids across tests
        return db.store("contract").build();
    }
}
