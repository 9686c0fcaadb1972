package org.eto4j.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs the load and fault suite: the short version in every {@code verify} (invariants only: nothing lost,
 * every answer a documented status, no growth of threads or file descriptors, exactly-once after a kill), the
 * full version with {@code -Dloadtest.full=true} (the figures of BENCHMARKS.md, printed).
 */
class LoadSuiteTest {
    @Test
    void nothingIsLostAndResourcesStayBounded() throws Exception {
        Path jar = Path.of(System.getProperty("loadtest.jar", "../examples/eto-webapp/target/eto-webapp.jar"));
        boolean full = Boolean.getBoolean("loadtest.full");
        LoadSuite suite = new LoadSuite(full ? LoadSuite.Options.full(jar) : LoadSuite.Options.quick(jar));
        suite.run();
        System.out.println(suite.report());
        List<String> violations = suite.violations();
        assertEquals(List.of(), violations);
        assertTrue(suite.levels.stream().allMatch(l -> l.tally().succeeded.get() > 0), "every level did work");
        assertTrue(suite.fault.acceptedIds.size() > 0, "the fault phase accepted tasks");
        // Other clients are answered while slow connections are open (never stalled): their uploads succeed, or
        // are refused at once with 503 and Retry-After while slow bodies hold every upload slot (until the
        // minimum body rate cuts those off, which takes longer than the short run's phase).
        assertTrue(suite.lorisDuring.succeeded.get() + suite.lorisDuring.refused.get() > 0,
                "other clients are answered while slow connections are open");
    }
}
