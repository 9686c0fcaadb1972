package org.eto4j.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reference evapotranspiration of one step and how it was obtained.
 *
 * @param eto           ETo in mm per step: mm d⁻¹ for daily steps, mean mm d⁻¹ of the month for monthly steps,
 *                      mm h⁻¹ for hourly steps; NaN only when the row is invalid (lenient mode)
 * @param method        the stable method id, e.g. {@link Fao56#METHOD_DAILY}
 * @param flags         what was estimated, assumed or bounded (an unmodifiable copy)
 * @param intermediates the intermediate quantities, when the calculator was asked for them
 * @param error         the validation error of an invalid row (lenient mode), else empty
 */
public record EtoResult(double eto, String method, Set<EstimateFlag> flags, Optional<Intermediates> intermediates,
                        Optional<EtoException> error) {

    /** Copies the flags. */
    public EtoResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(intermediates, "intermediates");
        Objects.requireNonNull(error, "error");
        flags = flags.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /**
     * Whether a flag is set.
     *
     * @param flag the flag
     * @return true when set
     */
    public boolean has(EstimateFlag flag) {
        return flags.contains(flag);
    }

    /** Whether the row was valid (always true in strict mode). */
    public boolean isValid() {
        return error.isEmpty();
    }
}
