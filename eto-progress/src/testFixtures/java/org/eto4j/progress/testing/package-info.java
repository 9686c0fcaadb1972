/**
 * Test support shared by eto4j's modules through eto-progress's test fixtures (src/testFixtures/java, one more
 * test source root of each module that uses them; never published): a {@link
 * org.eto4j.progress.testing.ManualClock}, a recording {@link org.eto4j.progress.testing.Recorder} listener and a
 * {@link org.eto4j.progress.testing.ForwardingTaskStore}. Waiting with a deadline is
 * {@code org.eto4j.transport.testkit.Await} (eto-transport-testkit) in modules above the transports.
 */
package org.eto4j.progress.testing;
