-- Access model (issue 3): the audit trail of sensitive reads this subgraph serves; kept out of schema.prisma (triggers).
-- Audit trail of sensitive reads (敏感信息访问审计): append-only, never raw values.
CREATE TABLE "civil_affairs".access_audit (
  id           BIGSERIAL PRIMARY KEY,
  occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  subject      TEXT NOT NULL,
  department   TEXT,
  purpose      TEXT NOT NULL CHECK (length(btrim(purpose)) > 0),
  request_id   TEXT NOT NULL,
  subgraph     TEXT NOT NULL,
  categories   TEXT[] NOT NULL CHECK (cardinality(categories) > 0 AND categories <@ ARRAY['PII', 'SUPERVISION', 'INCOME', 'DISABILITY']),
  fields       TEXT[] NOT NULL CHECK (cardinality(fields) > 0),
  person_ids   TEXT[] NOT NULL DEFAULT '{}'
);
CREATE INDEX access_audit_subject_idx ON "civil_affairs".access_audit (subject, occurred_at);
CREATE INDEX access_audit_person_ids_idx ON "civil_affairs".access_audit USING GIN (person_ids);
CREATE INDEX access_audit_occurred_at_idx ON "civil_affairs".access_audit (occurred_at);

CREATE FUNCTION "civil_affairs".access_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER access_audit_no_update_delete BEFORE UPDATE OR DELETE ON "civil_affairs".access_audit
  FOR EACH ROW EXECUTE FUNCTION "civil_affairs".access_audit_append_only();
CREATE TRIGGER access_audit_no_truncate BEFORE TRUNCATE ON "civil_affairs".access_audit
  FOR EACH STATEMENT EXECUTE FUNCTION "civil_affairs".access_audit_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON "civil_affairs".access_audit FROM PUBLIC;

