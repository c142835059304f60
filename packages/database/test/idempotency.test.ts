import { Client } from 'pg';
import { claimIdempotencyKey, completeIdempotencyKey, idempotencyTableSql, requestHash, type RawTransaction } from '../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';

/** A pg client seen through the raw-SQL surface of a Prisma transaction. */
function raw(client: Client): RawTransaction {
  return {
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await client.query(sql, values)).rows as T,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await client.query(sql, values)).rowCount ?? 0,
  };
}

describe('idempotency keys', () => {
  let db: TestDatabase;
  const clients: Client[] = [];
  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    clients.push(client);
    return client;
  }
  beforeAll(async () => {
    db = await createTestDatabase('idempotency');
    const client = await connect();
    await client.query('CREATE SCHEMA demo');
    await client.query(idempotencyTableSql('demo'));
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await db.drop();
  });

  it('hashes inputs regardless of key order and without the key itself', () => {
    expect(requestHash({ a: 1, b: { c: 2n, d: [1, 2] }, idempotencyKey: 'x' })).toBe(requestHash({ b: { d: [1, 2], c: 2n }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });

  it('claims a new key, then replays its result, and refuses the key with another input', async () => {
    const client = await connect();
    const tx = raw(client);
    await client.query('BEGIN');
    expect(await claimIdempotencyKey(tx, 'demo', 'submit', 'k1', 'h1')).toEqual({ kind: 'new' });
    await completeIdempotencyKey(tx, 'demo', 'submit', 'k1', 'record-1');
    await client.query('COMMIT');
    expect(await claimIdempotencyKey(tx, 'demo', 'submit', 'k1', 'h1')).toEqual({ kind: 'replay', resultId: 'record-1' });
    expect(await claimIdempotencyKey(tx, 'demo', 'submit', 'k1', 'h2')).toEqual({ kind: 'mismatch' });
    // Keys are per operation.
    expect(await claimIdempotencyKey(tx, 'demo', 'approve', 'k1', 'h2')).toEqual({ kind: 'new' });
  });

  it('forgets a key whose transaction rolled back', async () => {
    const client = await connect();
    await client.query('BEGIN');
    expect(await claimIdempotencyKey(raw(client), 'demo', 'submit', 'k2', 'h')).toEqual({ kind: 'new' });
    await client.query('ROLLBACK');
    expect(await claimIdempotencyKey(raw(client), 'demo', 'submit', 'k2', 'h')).toEqual({ kind: 'new' });
  });

  it('makes a concurrent second request wait for the first and replay it', async () => {
    const first = await connect();
    const second = await connect();
    await first.query('BEGIN');
    expect(await claimIdempotencyKey(raw(first), 'demo', 'submit', 'k3', 'h')).toEqual({ kind: 'new' });
    await second.query('BEGIN');
    const waiting = claimIdempotencyKey(raw(second), 'demo', 'submit', 'k3', 'h');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await completeIdempotencyKey(raw(first), 'demo', 'submit', 'k3', 'record-3');
    await first.query('COMMIT');
    expect(await waiting).toEqual({ kind: 'replay', resultId: 'record-3' });
    await second.query('COMMIT');
  });
});
