import { Pool } from 'pg';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { AuditCollector, auditTableSql, callerForRole, readAuditRecords, writeAuditRecord, type AuditRecord } from '../src';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase('access_audit');
  await query(database.url, `CREATE SCHEMA safety; ${auditTableSql('safety')}`);
  pool = new Pool({ connectionString: database.url, max: 2 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  subject: 's1',
  department: 'safety',
  purpose: '帮教回访',
  requestId: 'r',
  subgraph: 'safety',
  categories: ['SUPERVISION'],
  fields: ['SupervisionFile.notes'],
  personIds: ['p1'],
  ...over,
});

describe('AuditCollector', () => {
  it('gathers one request’s categories, fields and persons, deduplicated and sorted', () => {
    const collector = new AuditCollector();
    expect(collector.isEmpty).toBe(true);
    collector.note('PII', 'Person.phone', 'p2');
    collector.note('PII', 'Person.idNumber', 'p1');
    collector.note('INCOME', 'Person.declaredIncome', 'p1');
    collector.note('PII', 'Person.phone', null);
    const caller = callerForRole('civil-affairs-officer', '370703', '低保复核', 'req-9');
    expect(collector.toRecord(caller, 'community')).toEqual({
      subject: 'demo-civil-affairs-officer-370703',
      department: 'civil-affairs',
      purpose: '低保复核',
      requestId: 'req-9',
      subgraph: 'community',
      categories: ['INCOME', 'PII'],
      fields: ['Person.declaredIncome', 'Person.idNumber', 'Person.phone'],
      personIds: ['p1', 'p2'],
    });
    expect(() => collector.toRecord(callerForRole('auditor'), 'community')).toThrow(/purpose/);
  });
});

describe('audit table', () => {
  it('writes rows and reads them newest first, filtered by person, subject, time and page', async () => {
    await writeAuditRecord(pool, 'safety', record({ requestId: 'a', personIds: ['p1', 'p2'] }));
    await writeAuditRecord(pool, 'safety', record({ requestId: 'b', subject: 's2', personIds: ['p2'] }));
    await writeAuditRecord(pool, 'safety', record({ requestId: 'c', personIds: [] }));
    expect((await readAuditRecords(pool, 'safety')).map((r) => r.requestId)).toEqual(['c', 'b', 'a']);
    expect((await readAuditRecords(pool, 'safety', { personId: 'p2' })).map((r) => r.requestId)).toEqual(['b', 'a']);
    expect((await readAuditRecords(pool, 'safety', { subject: 's1' })).map((r) => r.requestId)).toEqual(['c', 'a']);
    const [newest] = await readAuditRecords(pool, 'safety', { first: 1 });
    expect((await readAuditRecords(pool, 'safety', { beforeId: newest!.id })).map((r) => r.requestId)).toEqual(['b', 'a']);
    expect(await readAuditRecords(pool, 'safety', { since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(newest).toMatchObject({ subgraph: 'safety', categories: ['SUPERVISION'], department: 'safety', purpose: '帮教回访' });
    expect(newest!.occurredAt).toBeInstanceOf(Date);
  });

  it('refuses rows without purpose, categories or fields, and unknown categories', async () => {
    await expect(writeAuditRecord(pool, 'safety', record({ purpose: '' }))).rejects.toThrow(/check/);
    await expect(writeAuditRecord(pool, 'safety', record({ categories: [] }))).rejects.toThrow(/check/);
    await expect(writeAuditRecord(pool, 'safety', record({ fields: [] }))).rejects.toThrow(/check/);
    await expect(writeAuditRecord(pool, 'safety', record({ categories: ['MONEY' as never] }))).rejects.toThrow(/check/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE even for the table owner', async () => {
    await expect(pool.query("UPDATE safety.access_audit SET person_ids = '{}'")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(pool.query('DELETE FROM safety.access_audit WHERE true')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(pool.query('TRUNCATE safety.access_audit')).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('only takes plain schema names', () => {
    expect(() => auditTableSql('x"; drop')).toThrow(/schema/);
  });
});
