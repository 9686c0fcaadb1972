package org.eto4j.examples.webapp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.core.EtoException;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * An error answered to an HTTP client as {@code {"error":{"code","message","field","row"}}}: an HTTP status,
 * a stable code, an i18n key with its arguments, and where the problem is. Rendered in the request's
 * language by the API handler; never carries a stack trace to the client. Its arguments follow the null rule of
 * {@link CodedError}.
 */
final class ApiException extends RuntimeException implements CodedError {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String messageKey;
    private final transient List<Object> args;
    private final String field;
    private final int row;
    private final boolean fieldInMessage;

    ApiException(int status, String code, String messageKey, List<Object> args, String field, int row) {
        this(status, code, messageKey, args, field, row, true);
    }

    private ApiException(int status, String code, String messageKey, List<Object> args, String field, int row,
                         boolean fieldInMessage) {
        super(Errors.summary(code, messageKey, field, row, args), null, false, false);
        this.status = status;
        this.code = code;
        this.messageKey = messageKey;
        this.args = Errors.arguments(args);
        this.field = field;
        this.row = Math.max(row, -1);
        this.fieldInMessage = fieldInMessage;
    }

    /** An error of another module about a request parameter already named in {@code args} (not in the message). */
    static ApiException forParameter(int status, String code, String messageKey, List<Object> args, String field) {
        return new ApiException(status, code, messageKey, args, field, -1, false);
    }

    static ApiException of(WebErrorCode code, Object... args) {
        return new ApiException(code.status(), code.code(), code.messageKey(), Errors.arguments(args), null, -1);
    }

    /** An error about a request parameter: the JSON names it in {@code field}; the message names it itself. */
    static ApiException forField(WebErrorCode code, String field, Object... args) {
        return new ApiException(code.status(), code.code(), code.messageKey(), Errors.arguments(args), field, -1,
                false);
    }

    /** eto-core's input errors are the client's: 400, or 422 when the calculation found them. */
    static ApiException of(int status, EtoException e) {
        return new ApiException(status, e.code().code(), e.messageKey(), e.args(), e.field().orElse(null),
                e.row().orElse(-1));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    @Override
    public String errorCode() {
        return code;
    }

    @Override
    public String messageKey() {
        return messageKey;
    }

    @Override
    public List<Object> args() {
        return args;
    }

    @Override
    public Optional<String> fieldName() {
        return Optional.ofNullable(field);
    }

    @Override
    public OptionalInt rowIndex() {
        return row < 0 ? OptionalInt.empty() : OptionalInt.of(row);
    }

    String field() {
        return field;
    }

    int row() {
        return row;
    }

    /** Whether the rendered message starts with "Column …:" (input columns) or not (request parameters). */
    boolean fieldInMessage() {
        return fieldInMessage;
    }
}
