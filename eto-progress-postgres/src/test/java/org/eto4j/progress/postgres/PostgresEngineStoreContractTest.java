package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eto4j.progress.store.TaskStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on the PostgreSQL store (retention driven by moving finished rows back in database time). */
class PostgresEngineStoreContractTest extends EngineStoreContract {
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected TaskStore newStore() {
        return db.store("contract").build();
    }

    @Override
    protected void expireFinished(TaskStore store) {
        PostgresTaskStore pg = (PostgresTaskStore) store;
        assertEquals(0, pg.purgeFinished(), "nothing is past the retention yet");
        // Past retainUnread (30 days): gone whether read or not.
        db.execute("UPDATE eto_task SET updated_at = updated_at - interval '31 days'"
                + " WHERE state IN ('succeeded', 'failed', 'cancelled')");
        pg.purgeFinished();
    }
}
