package org.eto4j.examples.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL (io.zonky) that a test can stop and start again on the same data directory and port, as
 * an outage and a recovery look to the application. Started once per JVM; stopped when the JVM exits.
 */
final class StoppablePostgres {
    private static StoppablePostgres shared;

    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres server;

    private StoppablePostgres(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** The server of this JVM, started on first use. */
    static synchronized StoppablePostgres shared() {
        if (shared == null) {
            try {
                StoppablePostgres pg = new StoppablePostgres(Files.createTempDirectory("eto4j-spring-pg"));
                pg.start();
                Runtime.getRuntime().addShutdownHook(new Thread(pg::stopQuietly));
                shared = pg;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Starts the server: the first time on a new data directory and any free port, later on the same. */
    synchronized void start() throws IOException {
        // Kept between stops: initdb runs only while the directory has no postgresql.conf.
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        port = server.getPort();
    }

    /** Stops the server ({@code pg_ctl stop -m fast}: every session is ended). */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }

    /** The JDBC URL of the {@code postgres} database (user and password {@code postgres}). */
    String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }
}
