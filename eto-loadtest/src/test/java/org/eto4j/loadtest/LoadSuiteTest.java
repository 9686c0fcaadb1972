package org.eto4j.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the load and fault suite: the short version in every {@code verify} (invariants only: nothing lost,
 * every answer a documented status, every bulk CSV complete and right, no growth of threads or file descriptors,
 * exactly-once after a kill, pages and calculations answered during a slow-loris attack), the
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
        if (suite.fault != null) {
            assertTrue(suite.fault.acceptedIds.size() > 0, "the fault phase accepted tasks");
        }
        // Every bulk submission ended with its complete CSV (a shortfall is also listed as lost above).
        suite.bulks.forEach(b -> assertEquals(b.clients() * b.submissions(), b.tally().succeeded.get(),
                b.store() + ": bulk tasks with a complete CSV"));
        // Other clients are answered while slow-loris connections are open (never stalled): pages load and
        // calculations go through. Answers, not timings: the timings are in the full run's report.
        if (suite.lorisDuring != null) {
            assertTrue(suite.lorisDuring.succeeded.get() > 0, "calculations are answered during the slow-loris attack");
            assertTrue(suite.lorisDuring.pageNanos.size() > 0, "the page loads during the slow-loris attack");
        }
    }
}
