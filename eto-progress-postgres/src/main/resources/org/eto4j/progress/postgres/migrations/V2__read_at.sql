-- eto-progress-postgres schema, version 2: when a finished task's result was read, for retention.

-- Set by PostgresTaskStore.markRead (database clock); NULL = never read. A finished task is purged only once
-- retainFinished has passed since its last write AND it was read, or once retainUnread has passed.
ALTER TABLE eto_task ADD COLUMN read_at timestamptz;
