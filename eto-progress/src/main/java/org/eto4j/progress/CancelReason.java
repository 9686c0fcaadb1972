package org.eto4j.progress;

import java.util.Locale;

/** Why a task was cancelled. */
public enum CancelReason {
    /** A caller asked for it ({@link TaskEngine#cancel(TaskId)}, possibly on another node). */
    REQUESTED,
    /** The engine shut down before the task ended. */
    SHUTDOWN;

    /** The stable lower-case name used on the wire, e.g. {@code requested}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The i18n message key, e.g. {@code task.cancel.requested}. */
    public String messageKey() {
        return "task.cancel." + wireName();
    }
}
