package org.eto4j.spring.boot;

import java.util.Optional;
import org.eto4j.progress.HealthProbe;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.store.TaskStore;

/** What only a PostgreSQL store has; a class of its own so it is loaded only when eto-progress-postgres is present. */
final class PostgresParts {
    private PostgresParts() {
    }

    /** The LISTEN connection's probe of a PostgreSQL store; empty for any other store. */
    static Optional<HealthProbe> listen(TaskStore store) {
        return store instanceof PostgresTaskStore pg ? Optional.of(pg::listenHealth) : Optional.empty();
    }
}
