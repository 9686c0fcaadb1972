package org.eto4j.progress.postgres;

import java.util.ArrayList;
import java.util.List;
import org.eto4j.progress.SharedQueueContract;
import org.eto4j.progress.store.TaskStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * eto-progress's shared-queue contract (several engines on one store) on PostgreSQL. The contract drives the
 * engines with a settable clock, so leases keep their default length here (the database clock runs on).
 */
class PostgresSharedQueueContractTest extends SharedQueueContract {
    private static TestDatabase db;
    private final List<PostgresTaskStore> stores = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
        db.store("schema").build().close();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected void newBackend() {
        db.execute("TRUNCATE eto_task CASCADE");
    }

    @Override
    protected TaskStore storeForEngine(String nodeId) {
        PostgresTaskStore s = PostgresTaskStore.builder(db.pool(4))
                .listenerDataSource(db.unpooled()).nodeId(nodeId).build();
        stores.add(s);
        return s;
    }

    @Override
    @AfterEach // an overriding method is a lifecycle method only when annotated again
    protected void stop() {
        super.stop();
        stores.forEach(PostgresTaskStore::close);
        stores.clear();
    }
}
