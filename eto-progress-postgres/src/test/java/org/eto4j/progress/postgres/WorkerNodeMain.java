package org.eto4j.progress.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A worker node in its own JVM, started by {@link SeparateProcessesTest}: runs {@code proc} tasks until its
 * standard input closes (or it is killed). Each run is recorded in {@code test_run} before it works.
 *
 * <p>Arguments: JDBC URL, user, password, node id.
 */
public final class WorkerNodeMain {
    private WorkerNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String nodeId = args[3];
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(4);
        PGSimpleDataSource unpooled = new PGSimpleDataSource();
        unpooled.setUrl(url);
        unpooled.setUser(user);
        unpooled.setPassword(password);
        try (HikariDataSource pool = new HikariDataSource(cfg)) {
            PostgresTaskStore store = PostgresTaskStore.builder(pool).listenerDataSource(unpooled).nodeId(nodeId)
                    .leaseDuration(Duration.ofSeconds(4))
                    .reapInterval(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(200)).build();
            TaskEngine engine = TaskEngine.builder().store(store).nodeId(nodeId).workers(2).threadNamePrefix(nodeId)
                    .taskType("proc", params -> ctx -> {
                        Map<?, ?> p = (Map<?, ?>) params;
                        int n = ((Number) p.get("n")).intValue();
                        int steps = ((Number) p.get("steps")).intValue();
                        record(url, user, password, ctx.taskId().value(), nodeId);
                        ctx.stage(Stage.COMPUTE, n);
                        ctx.total(steps);
                        for (int i = 0; i < steps; i++) {
                            ctx.throwIfCancellationRequested();
                            LockSupport.parkNanos(Duration.ofMillis(25).toNanos()); // the work itself
                            ctx.advance(1);
                        }
                        return TaskResult.of(Map.of("n", n, "node", nodeId));
                    })
                    .build();
            System.out.println("READY " + nodeId);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes our input
            }
            engine.shutdown(Duration.ofSeconds(5));
            store.close();
        }
    }

    private static void record(String url, String user, String password, String taskId, String nodeId) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("INSERT INTO test_run (task_id, node) VALUES (?, ?)")) {
            ps.setString(1, taskId);
            ps.setString(2, nodeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
