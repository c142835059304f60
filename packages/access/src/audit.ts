/**
 * The audit trail of sensitive reads: an append-only table (UPDATE, DELETE and TRUNCATE refused by
 * triggers), a per-request collector the directive wrappers fill, a writer, a reader for audit:read,
 * and an Apollo plugin that writes one row per request that asked for sensitive data (also when the
 * records it reached held none: an empty answer about someone's income or disability tells something too).
 * Only ids and field names are stored, never the values read.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { AuditCategory } from './directives';
import type { Caller } from './scopes';

export const AUDIT_TABLE = 'access_audit';

/**
 * The audit entry type every subgraph pastes verbatim (it is @shareable; needs the shared DateTime
 * scalar and @shareable imported), for its own `<subgraph>AccessAudit` query guarded by audit:read.
 */
export const AUDIT_ENTRY_SDL = `"""
One request that asked for sensitive personal data (敏感个人信息访问审计记录); values read are never stored.
"""
type AccessAuditEntry @shareable {
  "Audit row id, increasing (审计记录 ID)."
  id: ID!
  "When the data was read (访问时间)."
  occurredAt: DateTime!
  "Token subject of the reader (访问人)."
  subject: String!
  "Department of the reader (所属部门)."
  department: String
  "Purpose stated in the X-Purpose header (查询事由)."
  purpose: String!
  "Request id shared by the gateway and the subgraphs (请求 ID)."
  requestId: String!
  "Subgraph that served the data (数据来源子图)."
  subgraph: String!
  "Sensitive categories read: PII, SUPERVISION, INCOME, DISABILITY (敏感类别)."
  categories: [String!]!
  "Sensitive fields asked for, as Type.field, also when no record held a value (请求的敏感字段, 无记录时亦留痕)."
  fields: [String!]!
  "Persons whose data was read (涉及人员 ID)."
  personIds: [ID!]!
}
`;

function ident(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  return `"${schema}"`;
}

/**
 * SQL for a migration creating the audit table in one subgraph's PostgreSQL schema. Prisma cannot
 * express triggers: append this to a migration and keep the table out of schema.prisma.
 */
export function auditTableSql(schema: string): string {
  const s = ident(schema);
  return `-- Audit trail of sensitive reads (敏感信息访问审计): append-only, never raw values.
CREATE TABLE ${s}.${AUDIT_TABLE} (
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
CREATE INDEX ${AUDIT_TABLE}_subject_idx ON ${s}.${AUDIT_TABLE} (subject, occurred_at);
CREATE INDEX ${AUDIT_TABLE}_person_ids_idx ON ${s}.${AUDIT_TABLE} USING GIN (person_ids);
CREATE INDEX ${AUDIT_TABLE}_occurred_at_idx ON ${s}.${AUDIT_TABLE} (occurred_at);

CREATE FUNCTION ${s}.${AUDIT_TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ${AUDIT_TABLE}_no_update_delete BEFORE UPDATE OR DELETE ON ${s}.${AUDIT_TABLE}
  FOR EACH ROW EXECUTE FUNCTION ${s}.${AUDIT_TABLE}_append_only();
CREATE TRIGGER ${AUDIT_TABLE}_no_truncate BEFORE TRUNCATE ON ${s}.${AUDIT_TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.${AUDIT_TABLE}_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.${AUDIT_TABLE} FROM PUBLIC;
`;
}

/** Anything that runs a parameterised statement: a pg Client/Pool, or a Prisma adapter (see README). */
export interface Queryable {
  query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface AuditRecord {
  subject: string;
  department: string | null;
  purpose: string;
  requestId: string;
  subgraph: string;
  categories: AuditCategory[];
  fields: string[];
  personIds: string[];
}

export interface StoredAuditRecord extends AuditRecord {
  id: string;
  occurredAt: Date;
}

/** What one request read: filled by the directive wrappers, written once at the end of the request. */
export class AuditCollector {
  private readonly categories = new Set<AuditCategory>();
  private readonly fields = new Set<string>();
  private readonly personIds = new Set<string>();

  note(category: AuditCategory, field: string, personId: string | null): void {
    this.categories.add(category);
    this.fields.add(field);
    if (personId !== null) this.personIds.add(personId);
  }

  get isEmpty(): boolean {
    return this.fields.size === 0;
  }

  toRecord(caller: Caller, subgraph: string): AuditRecord {
    // Both are guaranteed by the directive rules before anything is noted.
    if (caller.subject === null || caller.purpose === null) throw new Error('an audited read without a signed-in caller and a purpose');
    return {
      subject: caller.subject,
      department: caller.department,
      purpose: caller.purpose,
      requestId: caller.requestId,
      subgraph,
      categories: [...this.categories].sort(),
      fields: [...this.fields].sort(),
      personIds: [...this.personIds].sort(),
    };
  }
}

export async function writeAuditRecord(db: Queryable, schema: string, record: AuditRecord): Promise<void> {
  await db.query(
    `INSERT INTO ${ident(schema)}.${AUDIT_TABLE} (subject, department, purpose, request_id, subgraph, categories, fields, person_ids)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7::text[], $8::text[])`,
    [record.subject, record.department, record.purpose, record.requestId, record.subgraph, record.categories, record.fields, record.personIds],
  );
}

export interface AuditFilter {
  personId?: string;
  subject?: string;
  since?: Date;
  /** Newest first; 1–100. */
  first?: number;
  /** Rows with a smaller id (keyset paging). */
  beforeId?: string;
}

/** For an audit:read query (newest first). */
export async function readAuditRecords(db: Queryable, schema: string, filter: AuditFilter = {}): Promise<StoredAuditRecord[]> {
  const first = Math.min(Math.max(filter.first ?? 20, 1), 100);
  const { rows } = await db.query(
    `SELECT id::text, occurred_at, subject, department, purpose, request_id, subgraph, categories, fields, person_ids
       FROM ${ident(schema)}.${AUDIT_TABLE}
      WHERE ($1::text IS NULL OR person_ids @> ARRAY[$1::text])
        AND ($2::text IS NULL OR subject = $2)
        AND ($3::timestamptz IS NULL OR occurred_at >= $3)
        AND ($4::bigint IS NULL OR id < $4::bigint)
      ORDER BY ${AUDIT_TABLE}.id DESC -- the bigint column: a bare id would sort the select list's text id
      LIMIT $5`,
    [filter.personId ?? null, filter.subject ?? null, filter.since ?? null, filter.beforeId ?? null, first],
  );
  return rows.map((row) => ({
    id: row.id as string,
    occurredAt: row.occurred_at as Date,
    subject: row.subject as string,
    department: row.department as string | null,
    purpose: row.purpose as string,
    requestId: row.request_id as string,
    subgraph: row.subgraph as string,
    categories: row.categories as AuditCategory[],
    fields: row.fields as string[],
    personIds: row.person_ids as string[],
  }));
}

export interface AuditPluginOptions<TContext> {
  subgraph: string;
  callerOf: (context: TContext) => Caller | undefined;
  auditOf: (context: TContext) => AuditCollector | undefined;
  write: (record: AuditRecord) => Promise<void>;
  onError?: (error: unknown) => void;
  /** Notes the audited fields the operation asks for, before it runs (see requestedAuditNotes). */
  noteRequested?: (document: DocumentNode, context: TContext) => void;
}

/**
 * Writes the request's audit row before the answer leaves. If the row cannot be written the answer
 * is withheld (fail closed): sensitive data is never served unaudited.
 */
export function auditPlugin<TContext extends BaseContext>(options: AuditPluginOptions<TContext>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          options.noteRequested?.(document, contextValue);
        },
        async willSendResponse({ contextValue, response }) {
          const collector = options.auditOf(contextValue);
          const caller = options.callerOf(contextValue);
          if (!collector || collector.isEmpty || !caller) return;
          try {
            await options.write(collector.toRecord(caller, options.subgraph));
          } catch (error) {
            options.onError?.(error);
            response.body = {
              kind: 'single',
              singleResult: { data: null, errors: [{ message: 'The audit trail is unavailable; sensitive data withheld', extensions: { code: 'AUDIT_UNAVAILABLE' } }] },
            };
          }
        },
      };
    },
  };
}
