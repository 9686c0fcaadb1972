package org.eto4j.progress;

import java.util.List;

/**
 * Stable stage keys a task reports with its progress. A task may use its own keys too; these are the ones
 * eto4j's own tasks use and for which {@code eto-i18n} ships messages ({@link #KNOWN}). A stage key is
 * lower-case ASCII with underscores, and its message key is {@code task.stage.<key>}.
 */
public final class Stage {
    /** Not started yet, or started without reporting a stage. */
    public static final String PENDING = "pending";
    /** Checking the input. */
    public static final String VALIDATE = "validate";
    /** Fetching input data (e.g. weather series). */
    public static final String DOWNLOAD = "download";
    /** Quality control of the input records. */
    public static final String QUALITY_CONTROL = "quality_control";
    /** The main calculation. */
    public static final String COMPUTE = "compute";
    /** Aggregating and writing the result. */
    public static final String SUMMARIZE = "summarize";

    /** Every stage key defined here, in their usual order. */
    public static final List<String> KNOWN = List.of(PENDING, VALIDATE, DOWNLOAD, QUALITY_CONTROL, COMPUTE, SUMMARIZE);

    private Stage() {
    }

    /**
     * The i18n message key of a stage, e.g. {@code task.stage.compute}.
     *
     * @param stage a stage key
     * @return the message key
     */
    public static String messageKey(String stage) {
        return "task.stage." + stage;
    }
}
