-- Appending to the audit log in one call (src/team/audit-append.ts): the entries, already chained by the app to the
-- head it knows, are inserted and the head moved only if audit_head still names that head (no row yet when
-- expected_seq is 0). Answers whether it wrote. A writer that took the same seqs first makes the INSERT fail on the
-- primary key. A function, not one statement sent each time: PL/pgSQL keeps the plans of the statements inside
-- for the connection, which halves the time of an append (a save's audit entry) on PGlite.
CREATE FUNCTION audit_append(expected_seq integer, expected_hash text, entries jsonb, new_seq integer, new_hash text)
  RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (EXISTS (SELECT 1 FROM audit_head WHERE seq = expected_seq AND entry_hash = expected_hash)
          OR (expected_seq = 0 AND NOT EXISTS (SELECT 1 FROM audit_head))) THEN
    RETURN false;
  END IF;
  INSERT INTO audit_log (seq, at, event, user_id, user_login, address, assessment_id, revision, hash_before,
    hash_after, detail, prev_hash, entry_hash)
  SELECT seq, at, event, user_id, user_login, address, assessment_id, revision, hash_before, hash_after, detail,
    prev_hash, entry_hash
  FROM jsonb_to_recordset(entries) AS entry(seq integer, at timestamptz, event text, user_id integer,
    user_login text, address text, assessment_id text, revision integer, hash_before text, hash_after text,
    detail jsonb, prev_hash text, entry_hash text);
  INSERT INTO audit_head (only_row, seq, entry_hash) VALUES (true, new_seq, new_hash)
  ON CONFLICT (only_row) DO UPDATE SET seq = EXCLUDED.seq, entry_hash = EXCLUDED.entry_hash;
  RETURN true;
END;
$$;
