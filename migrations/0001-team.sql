-- Team data: accounts, roles, sessions, login throttling, comments on items and the audit log.
-- The assessments themselves stay YAML files in the data folder; rows here name them by their folder id.

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Stored as typed after NFKC and lower-casing, so 'Tanaka' and 'ｔａｎａｋａ' are one account.
  login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  -- scrypt$N$r$p$salt$key (base64url): parameters travel with the hash so they can be raised later.
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['admin', 'author', 'reviewer', 'viewer']::text[]),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  password_changed_at timestamptz NOT NULL
);

-- A per-assessment override replaces the user's global roles (other than admin) for that assessment.
CREATE TABLE assessment_roles (
  user_id integer NOT NULL REFERENCES users (id),
  assessment_id text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['author', 'reviewer', 'viewer']::text[]),
  PRIMARY KEY (user_id, assessment_id)
);

-- Only a hash of the cookie value is stored: reading this table does not let anyone take over a session.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  address text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins, counted per login name and per address over a window; kept in the database so a restart or a
-- second app instance does not reset the count.
CREATE TABLE login_failures (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- A comment on one item of the draft (revision NULL) or of a frozen revision. item_path is the official item path
-- when it was written, so the comment stays readable after the item moved or was deleted. thread_id is NULL for
-- the first comment of a thread; replies name it. Resolution belongs to the thread (its first comment).
CREATE TABLE comments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id text NOT NULL,
  revision integer CHECK (revision IS NULL OR revision > 0),
  pointer text NOT NULL,
  item_path text[] NOT NULL,
  thread_id integer REFERENCES comments (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  author_id integer REFERENCES users (id),
  author_name text NOT NULL,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  resolved_by_name text,
  CHECK (thread_id IS NULL OR resolved_at IS NULL)
);
CREATE INDEX comments_assessment ON comments (assessment_id, revision, pointer);
CREATE INDEX comments_thread ON comments (thread_id);

-- The audit log: one row per event, chained by hash (entry_hash = sha256(prev_hash + canonical content)), so an
-- edited, deleted or reordered row is found by `pia audit verify`. audit_head holds the newest seq and hash, so
-- cutting off the newest rows is found too.
CREATE TABLE audit_log (
  seq integer PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  event text NOT NULL,
  user_id integer,
  user_login text,
  address text,
  assessment_id text,
  revision integer,
  hash_before text,
  hash_after text,
  detail jsonb NOT NULL,
  prev_hash text NOT NULL,
  entry_hash text NOT NULL
);
CREATE INDEX audit_log_assessment ON audit_log (assessment_id, seq);

CREATE TABLE audit_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  seq integer NOT NULL,
  entry_hash text NOT NULL
);

-- Append-only: the application never updates or deletes audit rows; the database refuses it too.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
