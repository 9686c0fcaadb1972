package org.eto4j.sources;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eto4j.progress.testing.ManualClock;

/** Waits that take no time: each is recorded and moves the test's clock by its length. */
final class RecordingSleeper implements Sleeper {
    final ManualClock clock;
    /** Every wait asked for, in order. */
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }
}
