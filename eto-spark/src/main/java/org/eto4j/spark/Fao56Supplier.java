package org.eto4j.spark;

import java.io.Serializable;
import java.util.function.Supplier;
import org.eto4j.core.Fao56;

/**
 * How each executor builds its {@link Fao56} calculator: a serializable recipe, because the calculator itself
 * stays on the JVM that built it. A lambda is enough:
 * <pre>{@code
 * Fao56Supplier lenientCoastal = () -> Fao56.builder()
 *         .validation(ValidationMode.LENIENT)
 *         .kRs(Radiation.KRS_COASTAL)
 *         .build();
 * }</pre>
 * The recipe runs once per partition; it must return calculators with equal options every time.
 */
@FunctionalInterface
public interface Fao56Supplier extends Supplier<Fao56>, Serializable {

    /**
     * The FAO-56 defaults, strict validation ({@link Fao56#defaults()}).
     *
     * @return the recipe
     */
    static Fao56Supplier defaults() {
        return Fao56::defaults;
    }
}
