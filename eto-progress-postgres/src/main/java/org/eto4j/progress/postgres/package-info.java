/**
 * A durable, multi-node {@link org.eto4j.progress.store.TaskStore} for eto-progress on PostgreSQL:
 * {@link org.eto4j.progress.postgres.PostgresTaskStore}.
 */
package org.eto4j.progress.postgres;
