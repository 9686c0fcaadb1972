package org.eto4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The normal quantiles behind the predictive intervals (reference values: Abramowitz and Stegun, table 26.5). */
class NormalTest {
    @Test
    void knownQuantiles() {
        assertEquals(0, Normal.quantile(0.5), 1e-7);
        assertEquals(1.6448536, Normal.quantile(0.95), 1e-6);
        assertEquals(-1.6448536, Normal.quantile(0.05), 1e-6);
        assertEquals(1.9599640, Normal.quantile(0.975), 1e-6);
        assertEquals(2.3263479, Normal.quantile(0.99), 1e-6);
    }

    @Test
    void cdfIsTheInverse() {
        for (double p = 0.01; p < 1; p += 0.01) {
            assertEquals(p, Normal.cdf(Normal.quantile(p)), 2e-7);
        }
    }
}
