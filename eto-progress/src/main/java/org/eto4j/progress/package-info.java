/**
 * Tasks with live progress: submit work to a {@link org.eto4j.progress.TaskEngine}, get a
 * {@link org.eto4j.progress.TaskId} at once, follow typed {@link org.eto4j.progress.TaskEvent}s, cancel, and
 * read the outcome later.
 *
 * <p>The public face is this package; the storage SPI lives in {@code org.eto4j.progress.store}. Everything
 * else is package-private.
 */
package org.eto4j.progress;
