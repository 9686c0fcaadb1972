package org.eto4j.errors;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An error as every eto4j module reports it: a stable code, an i18n message key with its arguments, and, for an
 * error about a user's input, the field (column) and row concerned. Never an English sentence: eto-i18n renders
 * it in the reader's language, and logs read {@link Throwable#getMessage()}, a technical summary.
 *
 * <p>Every module's exception ({@code EtoException}, {@code ProgressException}, {@code TransportException},
 * {@code SourceException}, {@code FusionException}, {@code PostgresStoreException}, the store-neutral
 * {@code TaskStoreUnavailableException}) and eto-progress's {@code TaskError} record implement it, so a host handles
 * all of them with one piece of code.
 *
 * <p><b>The null rule</b>, the same for every implementation:
 * <ul>
 *   <li>{@link #errorCode()} and {@link #messageKey()} are never {@code null};</li>
 *   <li>{@link #args()} is never {@code null}: an error created with a {@code null} array or list has no
 *       arguments. It is an immutable copy, and a {@code null} element is kept as {@code null} (eto-i18n renders it
 *       as the text {@code null}); see {@link Errors#arguments(Object...)};</li>
 *   <li>an absent field is {@link Optional#empty()}, an absent row {@link OptionalInt#empty()}: neither accessor
 *       returns {@code null}, and a row is never negative.</li>
 * </ul>
 *
 * <p>The accessors are named so that the existing types only add them: the exceptions' {@code code()} already
 * returns their enum (a {@link Code}) and the records' {@code field()} and {@code row()} already return a nullable
 * field and {@code -1}, so this interface uses {@code errorCode()}, {@code fieldName()} and {@code rowIndex()}.
 */
public interface CodedError {

    /**
     * The stable public code.
     *
     * @return the code, e.g. {@code ETO-1003} or {@code PRG-2001}; never {@code null}
     */
    String errorCode();

    /**
     * The i18n message key of the code.
     *
     * @return the key, e.g. {@code error.tmin_above_tmax}; never {@code null}
     */
    String messageKey();

    /**
     * The arguments of the message key, in the order its code documents them.
     *
     * @return an immutable list, never {@code null}, possibly empty; elements may be {@code null}
     */
    List<Object> args();

    /**
     * The field (input column or request parameter) the error concerns. The default, for errors that concern no
     * field, is empty.
     *
     * @return the field name, or empty when none
     */
    default Optional<String> fieldName() {
        return Optional.empty();
    }

    /**
     * The zero-based index of the input row the error concerns. The default, for errors that concern no row, is
     * empty.
     *
     * @return the row index ({@code >= 0}), or empty when none
     */
    default OptionalInt rowIndex() {
        return OptionalInt.empty();
    }
}
