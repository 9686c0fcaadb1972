package org.eto4j.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when told, and a sleeper that records each wait and moves the clock by it. */
final class TestClock extends Clock {
    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    private volatile Instant now = START;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    final Sleeper sleeper = d -> {
        sleeps.add(d);
        advance(d);
    };

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
