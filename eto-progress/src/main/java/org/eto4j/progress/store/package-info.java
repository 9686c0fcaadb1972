/**
 * The storage SPI of eto-progress ({@link org.eto4j.progress.store.TaskStore}) and its default in-memory
 * implementation on Caffeine ({@link org.eto4j.progress.store.InMemoryTaskStore}).
 */
package org.eto4j.progress.store;
