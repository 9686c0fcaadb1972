package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eto4j.progress.Health;
import org.eto4j.progress.HealthProbe;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store's health and its LISTEN connection's health follow a real outage: a server of its own (the shared test
 * server is left alone) stopped with {@code pg_ctl stop -m fast} and started again on the same port.
 */
class StoreHealthTest {
    private Path dataDirectory;
    private EmbeddedPostgres server;
    private int port;
    private HikariDataSource pool;
    private PostgresTaskStore store;

    @BeforeEach
    void start() throws IOException {
        dataDirectory = Files.createTempDirectory("eto-health-pg");
        startServer();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url());
        cfg.setUsername("postgres");
        cfg.setPassword("postgres");
        cfg.setMaximumPoolSize(3);
        cfg.setMinimumIdle(0);
        cfg.setConnectionTimeout(500); // an outage answers quickly; the health check's own limit is tested below
        cfg.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(cfg);
        PGSimpleDataSource unpooled = new PGSimpleDataSource();
        unpooled.setUrl(url());
        unpooled.setUser("postgres");
        unpooled.setPassword("postgres");
        unpooled.setConnectTimeout(1);
        store = PostgresTaskStore.builder(pool).listenerDataSource(unpooled).nodeId("health-1")
                .pollInterval(Duration.ofMillis(100)).healthTimeout(Duration.ofSeconds(1)).build();
    }

    private void startServer() throws IOException {
        // Kept between stops: initdb runs only while the directory has no postgresql.conf.
        server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).setPGStartupWait(Duration.ofSeconds(60)).start();
        port = server.getPort();
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @AfterEach
    void stop() throws IOException {
        if (store != null) {
            store.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void downWhileTheServerIsStoppedAndUpWhenItReturns() throws IOException {
        HealthProbe database = store::health;
        HealthProbe listener = store::listenHealth;
        Await.until(() -> database.check().isUp() && listener.check().isUp(), Duration.ofSeconds(20),
                () -> "up at start");
        assertEquals("health-1", database.check().details().get("nodeId"));
        assertEquals(0L, listener.check().details().get("reconnects"));

        server.close(); // pg_ctl stop -m fast: sessions ended, new connections refused
        server = null;
        Await.until(() -> !database.check().isUp(), Duration.ofSeconds(20), () -> "store down");
        Await.until(() -> !listener.check().isUp(), Duration.ofSeconds(20), () -> "listener down");
        Health down = database.check();
        assertEquals(Health.Status.DOWN, down.status());
        assertTrue(down.details().containsKey("error"), down.toString());
        assertFalse(store.isListening());

        startServer();
        Await.until(() -> database.check().isUp(), Duration.ofSeconds(30), () -> "store up again");
        Await.until(() -> listener.check().isUp(), Duration.ofSeconds(30), () -> "listener up again");
        assertTrue((Long) listener.check().details().get("reconnects") >= 1);
        assertTrue(store.stats().listenReconnects() >= 1);
    }

    @Test
    void aClosedStoreIsDown() {
        store.close();
        Health h = store.health();
        assertEquals(Health.Status.DOWN, h.status());
        assertEquals(true, h.details().get("closed"));
        assertFalse(store.listenHealth().isUp());
    }
}
