package org.eto4j.core;

import java.util.List;
import java.util.Objects;

/**
 * The method {@link MethodChooser} picked for one row, and why.
 *
 * @param method  the method id ({@code fao56} or a {@link DailyMethod#id()}), the i18n key being
 *                {@code method.<id>}
 * @param reason  why it was picked
 * @param columns the inputs that were missing (estimated, for {@link ChoiceReason#ESTIMATED}), as column
 *                names, in a fixed order: {@code tmax, tmin, ea, rs, u2}; empty when complete
 */
public record MethodChoice(String method, ChoiceReason reason, List<String> columns) {

    /** Copies the columns. */
    public MethodChoice {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(reason, "reason");
        columns = List.copyOf(columns);
    }

    /** The i18n key of the reason. */
    public String messageKey() {
        return reason.messageKey();
    }

    /** The message arguments: the columns joined by ", ". */
    public List<Object> args() {
        return List.of(String.join(", ", columns));
    }
}
