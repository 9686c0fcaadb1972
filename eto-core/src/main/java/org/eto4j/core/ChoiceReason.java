package org.eto4j.core;

import java.util.Locale;

/**
 * Why {@link MethodChooser} picked a method for a row. The {@link #code()} is stable; the i18n key
 * {@link #messageKey()} takes one argument, the affected columns joined by ", " ({@link MethodChoice#args()}).
 */
public enum ChoiceReason {
    /** Penman-Monteith with every input measured (no argument used). */
    COMPLETE,
    /** Penman-Monteith with FAO-56 missing-data estimates for the listed inputs. */
    ESTIMATED,
    /** A radiation-based method, because Penman-Monteith lacked the listed inputs. */
    RADIATION,
    /** A temperature-based method, because Penman-Monteith lacked the listed inputs. */
    TEMPERATURE,
    /** No method can work: there is no temperature (the row fails with {@link ErrorCode#MISSING_INPUT}). */
    NONE;

    /** The stable lower-case code, e.g. {@code estimated}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The i18n key, {@code method.auto.reason.<code>}. */
    public String messageKey() {
        return "method.auto.reason." + code();
    }
}
