package org.eto4j.progress;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The unchecked base exception of eto-progress: a stable {@link ProgressErrorCode}, its message key and the
 * message arguments. It never carries an English sentence; {@link #getMessage()} is a technical summary.
 */
public class ProgressException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProgressErrorCode code;
    private final transient List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code the stable code
     * @param args the message arguments, in the order documented on {@code code}
     */
    public ProgressException(ProgressErrorCode code, Object... args) {
        super(Objects.requireNonNull(code, "code").code() + ' ' + code.messageKey()
                + (args.length == 0 ? "" : " args=" + Arrays.toString(args)));
        this.code = code;
        this.args = List.of(args.clone());
    }

    /** The stable error code. */
    public ProgressErrorCode code() {
        return code;
    }

    /** The i18n message key of the code. */
    public String messageKey() {
        return code.messageKey();
    }

    /** The message arguments. */
    public List<Object> args() {
        return args;
    }
}
