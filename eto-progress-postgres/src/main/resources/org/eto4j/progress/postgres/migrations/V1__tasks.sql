-- eto-progress-postgres schema, version 1: tasks, their retained events, and the queue.

CREATE TABLE eto_task (
    id               text        PRIMARY KEY,
    type             text        NOT NULL,
    state            text        NOT NULL,
    attempt          integer     NOT NULL,
    seq              bigint      NOT NULL,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    ended_at         timestamptz,
    progress         jsonb       NOT NULL,
    cancel_requested boolean     NOT NULL DEFAULT false,
    -- The terminal event (completed with its result as jsonb or a reference, failed, cancelled).
    outcome          jsonb,
    parameters       jsonb,
    timeout_ms       bigint,
    retry            jsonb,
    -- The node holding the task, and until when (database clock) unless it renews.
    owner            text,
    lease_until      timestamptz,
    -- A queued task is claimable from this time on (database clock).
    run_after        timestamptz NOT NULL DEFAULT now(),
    -- Last write (database clock): retention of finished tasks counts from here.
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Claiming: queued, unheld tasks, oldest first.
CREATE INDEX eto_task_queue ON eto_task (created_at) WHERE state = 'queued' AND owner IS NULL;
-- Reaping: held tasks by lease end.
CREATE INDEX eto_task_lease ON eto_task (lease_until) WHERE owner IS NOT NULL;
-- Retention: finished tasks by last write.
CREATE INDEX eto_task_finished ON eto_task (updated_at) WHERE state IN ('succeeded', 'failed', 'cancelled');

CREATE TABLE eto_task_event (
    task_id    text        NOT NULL REFERENCES eto_task (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL,
    type       text        NOT NULL,
    body       jsonb       NOT NULL,
    -- Database clock at the write: lets a node that lost its LISTEN connection catch up.
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, seq)
);

CREATE INDEX eto_task_event_written ON eto_task_event (written_at);
