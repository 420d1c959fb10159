-- Background jobs, in-app notifications, reminders sent, and the units' summaries (minimal).

-- A job queue on our own tables (ADR 7): several instances claim jobs with FOR UPDATE SKIP
-- LOCKED, so each job runs once; the embedded database runs the same queue in-process.
CREATE TABLE jobs (
  id uuid PRIMARY KEY,
  -- The job definition's stable name, e.g. 'notifications.send_email'.
  name text NOT NULL,
  payload jsonb NOT NULL,
  -- queued → active → completed; a failed attempt → retry (after a backoff) or failed.
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'active', 'retry', 'completed', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  run_at timestamptz NOT NULL DEFAULT now(),
  -- The lease of an active job: past it, the worker is taken to be gone and the job is retried.
  locked_until timestamptz,
  -- Which claim holds the job; a worker that lost its lease cannot finish someone else's claim.
  locked_by uuid,
  last_error text,
  -- At most one job per key: a scheduled run's slot, so that with several instances it runs once.
  singleton_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE state IN ('queued', 'retry');
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE state = 'active';
CREATE INDEX jobs_state_idx ON jobs (state, id);

-- The in-app inbox: one row per recipient. kind and params are rendered in the reader's language
-- from the notifications feature's catalog when read, so a text can be corrected later.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{1,62}$'),
  params jsonb NOT NULL DEFAULT '{}',
  -- The case it concerns, if any (no foreign key: the cases feature owns that table).
  case_id uuid,
  unit_id uuid REFERENCES units (id),
  campaign_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  -- When its email was accepted by the mail server: a retried email job does not send it twice.
  emailed_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;

-- Each reminder is sent once per subject (a case, or a unit owing its summary), kind and due
-- date: the scan inserts here and notifies in the same transaction, so two instances scanning at
-- once cannot both send it.
CREATE TABLE reminders_sent (
  campaign_id uuid NOT NULL,
  subject_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('case_due_soon', 'case_due_today', 'case_overdue', 'summary_owed')),
  due_on date NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, subject_id, kind, due_on)
);

-- 活动总结: a unit's summary of its day. Minimal for now (reminders need to know whether it was
-- submitted); the summary feature grows it.
CREATE TABLE unit_summaries (
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
  submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, unit_id)
);
