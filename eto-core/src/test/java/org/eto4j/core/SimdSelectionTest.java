package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Which daily block kernel runs: the build runs the suite once with {@code --add-modules jdk.incubator.vector}
 * (SIMD kernel) and the kernel tests once more with {@code -Dorg.eto4j.core.simd=off} (scalar kernel); this test
 * makes sure each run really exercises the kernel it is meant to.
 */
class SimdSelectionTest {

    @Test
    void kernelFollowsTheModuleAndTheProperty() {
        boolean off = "off".equalsIgnoreCase(System.getProperty(Kernel.SIMD_PROPERTY, "auto").trim());
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (off || !module) {
            assertFalse(Kernel.SIMD, "scalar kernel expected (property off or module absent)");
        } else {
            assertEquals(VectorKernel.LANES >= VectorKernel.MIN_LANES, Kernel.SIMD,
                    "SIMD kernel expected with " + VectorKernel.LANES + " lanes");
        }
    }
}
