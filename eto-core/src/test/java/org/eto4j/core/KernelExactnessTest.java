package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast kernel (tables, identities, inlined elementary functions) against the straightforward formulas.
 */
class KernelExactnessTest {

    @Test
    void acosIsStrictMathBitForBit() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            double x = r.nextDouble(-1.0, 1.0);
            assertEquals(Double.doubleToRawLongBits(StrictMath.acos(x)), Double.doubleToRawLongBits(Kernel.acos(x)),
                    () -> "acos(" + x + ")");
        }
        double[] edges = {0.0, -0.0, 0.5, -0.5, Math.nextDown(0.5), Math.nextUp(-0.5), 1e-18, -1e-18,
            Math.nextDown(1.0), Math.nextUp(-1.0), 1.0, -1.0, 1.5, Double.NaN};
        for (double x : edges) {
            assertEquals(Double.doubleToRawLongBits(StrictMath.acos(x)), Double.doubleToRawLongBits(Kernel.acos(x)),
                    () -> "acos(" + x + ")");
        }
    }
}
