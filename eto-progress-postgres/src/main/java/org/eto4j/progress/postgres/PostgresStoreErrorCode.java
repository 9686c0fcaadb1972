package org.eto4j.progress.postgres;

import org.eto4j.errors.Code;

/**
 * Stable codes of the errors the PostgreSQL task store reports (as {@link PostgresStoreException}). A code
 * never changes meaning once released. The arguments of each message key are listed in order.
 */
public enum PostgresStoreErrorCode implements Code {
    /** A builder option is missing or outside its accepted range. Args: option, value, accepted. */
    INVALID_OPTION("PGS-1001", "error.task_store.invalid_option"),
    /** An applied migration differs from the one shipped with this version. Args: version, name. */
    MIGRATION_CHANGED("PGS-1002", "error.task_store.migration_changed"),
    /** The database schema is newer than this version of the library knows. Args: database version, known version. */
    SCHEMA_TOO_NEW("PGS-1003", "error.task_store.schema_too_new"),
    /** A database operation failed (connection lost, constraint, timeout). Args: operation. */
    DATABASE_ERROR("PGS-2001", "error.task_store.database"),
    /** A value could not be written as or read from JSON (parameters, results). Args: what, task id. */
    JSON_ERROR("PGS-2002", "error.task_store.json");

    private final String code;
    private final String messageKey;

    PostgresStoreErrorCode(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    /** The stable public code, e.g. {@code PGS-2001}. */
    @Override
    public String code() {
        return code;
    }

    /** The i18n message key, e.g. {@code error.task_store.database}. */
    @Override
    public String messageKey() {
        return messageKey;
    }
}
