package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which daily block kernel runs. The build states what it expects in {@value #EXPECTED_PROPERTY}: the default
 * test run passes {@code --add-modules jdk.incubator.vector} and {@code true} (the SIMD kernel), the scalar-kernel
 * run passes {@code -Dorg.eto4j.core.simd=off} and {@code false}. A run without the property expects the SIMD
 * kernel, so that dropping the module flag fails the build instead of leaving the SIMD kernel untested (its
 * tests in {@link VectorKernelTest} would otherwise skip themselves). Where the build expects SIMD, the kernel
 * must be active on every machine that can run it: a preferred vector species of at least
 * {@value VectorKernel#MIN_LANES} lanes and the processor's fused multiply-add; a machine without either keeps
 * the scalar kernel, which is then what the test asserts.
 */
class SimdSelectionTest {
    /** The build's expectation: {@code true} (the SIMD kernel where the machine can run it) or {@code false}. */
    static final String EXPECTED_PROPERTY = "org.eto4j.core.simd.expected";

    private static boolean simdExpected() {
        return !"false".equalsIgnoreCase(System.getProperty(EXPECTED_PROPERTY, "true").trim());
    }

    private static boolean propertyOff() {
        return "off".equalsIgnoreCase(System.getProperty(Kernel.SIMD_PROPERTY, "auto").trim());
    }

    private static boolean modulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void theVectorModuleIsPresentWhereTheBuildExpectsTheSimdKernel() {
        if (simdExpected()) {
            assertTrue(modulePresent(), "the SIMD kernel is expected (" + EXPECTED_PROPERTY
                    + " is not false) but the JVM was started without --add-modules jdk.incubator.vector");
            assertFalse(propertyOff(), "the SIMD kernel is expected but " + Kernel.SIMD_PROPERTY + "=off");
        }
    }

    @Test
    void theSimdKernelIsActiveExactlyWhereTheBuildAndTheMachineAllowIt() {
        if (!simdExpected()) {
            assertFalse(Kernel.SIMD, "the build expects the scalar kernel (" + EXPECTED_PROPERTY + "=false)");
            return;
        }
        assertTrue(modulePresent(), "the SIMD kernel is expected but the module jdk.incubator.vector is absent");
        // What is left is the machine's part.
        boolean wide = VectorKernel.LANES >= VectorKernel.MIN_LANES;
        boolean fma = Kernel.fusedMultiplyAdd();
        assertEquals(wide && fma, Kernel.SIMD, "lanes " + VectorKernel.LANES + ", fused multiply-add " + fma);
    }

    @Test
    void thePropertyOffOrAMissingModuleAlwaysMeansTheScalarKernel() {
        if (propertyOff() || !modulePresent()) {
            assertFalse(Kernel.SIMD);
        }
    }
}
