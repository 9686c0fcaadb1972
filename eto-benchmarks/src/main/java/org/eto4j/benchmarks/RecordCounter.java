package org.eto4j.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts computed records, so that JMH reports records per second (the secondary result {@code records})
 * whatever the batch size.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordCounter {
    /** Records computed in the current iteration. */
    public long records;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
        records = 0;
    }
}
