package org.eto4j.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eto4j.core.EtoException;

/**
 * The coded error of a row that failed validation in strict mode, with the row's key: what fails the Spark job.
 *
 * <p>It keeps eto-core's {@link #code()}, message key, field and arguments, so it renders with eto-i18n like any
 * {@link EtoException}; {@link #rowKey()} holds the values of the {@link ColumnMapping.Builder#key key columns}
 * of the row (or its partition and index in the partition when no key is mapped), as text. Spark reports it as
 * the cause of the job's failure; {@link EtoSpark#rowFailure(Throwable)} finds it there.
 */
public final class EtoSparkException extends EtoException {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, String> rowKey;

    /**
     * Wraps eto-core's error of one row.
     *
     * @param cause  eto-core's error
     * @param rowKey the key of the row, column to value as text, in key order
     */
    public EtoSparkException(EtoException cause, Map<String, String> rowKey) {
        super(cause.code(), cause.field().orElse(null), -1, cause.args().toArray());
        this.rowKey = new LinkedHashMap<>(rowKey);
        initCause(cause);
    }

    /** The key of the failed row, column to value as text, in key order. */
    public Map<String, String> rowKey() {
        return Collections.unmodifiableMap(rowKey);
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " key=" + rowKey;
    }
}
