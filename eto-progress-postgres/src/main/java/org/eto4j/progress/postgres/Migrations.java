package org.eto4j.progress.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema: the SQL files listed in {@link #SCRIPTS} run in order, each in its own
 * transaction, and are recorded in {@code eto_schema_version} with a SHA-256 checksum. A transaction-level
 * advisory lock makes nodes starting together run each migration once.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The shipped migrations, in order; version = position + 1. Never edit a released file: add a new one. */
    static final List<String> SCRIPTS = List.of("V1__tasks.sql", "V2__read_at.sql");

    /** An arbitrary constant naming the advisory lock held while migrating ("eto4j" in ASCII). */
    private static final long LOCK_KEY = 0x65746F346AL;

    private Migrations() {
    }

    static void migrate(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("""
                CREATE TABLE IF NOT EXISTS eto_schema_version (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())"""));
        for (int i = 0; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            String name = SCRIPTS.get(i);
            String sql = read(name);
            String checksum = sha256(sql);
            jdbi.useTransaction(h -> {
                h.execute("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
                Map<Integer, String> applied = h.createQuery("SELECT version, checksum FROM eto_schema_version")
                        .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2))).stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                if (newest > SCRIPTS.size()) {
                    throw new PostgresStoreException(PostgresStoreErrorCode.SCHEMA_TOO_NEW, null,
                            newest, SCRIPTS.size());
                }
                String stored = applied.get(version);
                if (stored != null) {
                    if (!stored.equals(checksum)) {
                        throw new PostgresStoreException(PostgresStoreErrorCode.MIGRATION_CHANGED, null, version, name);
                    }
                    return;
                }
                try (var statement = h.getConnection().createStatement()) {
                    statement.execute(sql); // the whole file at once: PostgreSQL runs several statements
                } catch (java.sql.SQLException e) {
                    throw new PostgresStoreException(PostgresStoreErrorCode.DATABASE_ERROR, e, "migrate " + name);
                }
                h.execute("INSERT INTO eto_schema_version (version, name, checksum) VALUES (?, ?, ?)",
                        version, name, checksum);
                LOG.info("applied migration {} {}", version, name);
            });
        }
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
