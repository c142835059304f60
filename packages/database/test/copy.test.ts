import { Client } from 'pg';
import { copyRows, deferIndexes, encodeCopyRow, withCopyPipeline, type CopyValue } from '../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';

describe('COPY helpers', () => {
  let db: TestDatabase;
  let client: Client;
  const indexes = async (): Promise<string[]> =>
    (
      await client.query<{ definition: string }>(
        "SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid IN ('demo.parent'::regclass, 'demo.child'::regclass) ORDER BY 1",
      )
    ).rows.map((r) => r.definition);

  beforeAll(async () => {
    db = await createTestDatabase('copy');
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`
      CREATE SCHEMA demo;
      CREATE TABLE demo.parent (id uuid PRIMARY KEY, name text NOT NULL, born date, active boolean NOT NULL, amount bigint, tags text[]);
      CREATE UNIQUE INDEX parent_name_key ON demo.parent (name);
      CREATE INDEX parent_born_active_idx ON demo.parent (born) WHERE active;
      CREATE TABLE demo.child (id int PRIMARY KEY, parent_id uuid NOT NULL REFERENCES demo.parent (id), note text);
      CREATE INDEX child_parent_id_idx ON demo.child (parent_id);`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });
  afterEach(async () => {
    await client.query('ROLLBACK').catch(() => undefined);
  });

  it('encodes values in COPY text format, escaping only what must be escaped', () => {
    expect(encodeCopyRow(['plain', 'tab\there', 'line\nbreak', 'back\\slash', 'cr\r', null, undefined, 7, 12n, true, false])).toBe(
      'plain\ttab\\there\tline\\nbreak\tback\\\\slash\tcr\\r\t\\N\t\\N\t7\t12\ttrue\tfalse\n',
    );
    expect(encodeCopyRow([new Date('2026-11-29T01:02:03.004Z')])).toBe('2026-11-29T01:02:03.004Z\n');
  });

  it('loads rows exactly as given, in chunks, with characters that need escaping', async () => {
    await client.query('BEGIN');
    const rows: CopyValue[][] = Array.from({ length: 20_000 }, (_, i) => [
      `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      i % 1000 === 0 ? `张三\t${i}\n\\` : `姓名${i}`,
      i % 3 === 0 ? null : '2026-11-29',
      i % 2 === 0,
      BigInt(i) * 10_000_000_000n,
      '{"a b","c\\"d"}',
    ]);
    await copyRows(client, 'demo.parent', ['id', 'name', 'born', 'active', 'amount', 'tags'], rows);
    const { rows: back } = await client.query<{ n: string; odd: string; amount: string; tags: string[]; born: string | null }>(
      "SELECT count(*)::text AS n, (SELECT name FROM demo.parent WHERE id = '00000000-0000-4000-8000-0000000003e8') AS odd, max(amount)::text AS amount, (SELECT tags FROM demo.parent LIMIT 1) AS tags FROM demo.parent",
    );
    expect(back[0]).toEqual({ n: '20000', odd: '张三\t1000\n\\', amount: String(19_999n * 10_000_000_000n), tags: ['a b', 'c"d'] });
  });

  it('defers indexes and primary keys and creates them again as they were; a key a foreign key relies on stays', async () => {
    const constraints = async (): Promise<string[]> =>
      (
        await client.query<{ c: string }>(
          "SELECT conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(oid) AS c FROM pg_constraint WHERE conrelid IN ('demo.parent'::regclass, 'demo.child'::regclass) ORDER BY 1",
        )
      ).rows.map((r) => r.c);
    const before = await indexes();
    const constraintsBefore = await constraints();
    expect(constraintsBefore).toContain('demo.child child_pkey: PRIMARY KEY (id)');
    await client.query('BEGIN');
    const create = await deferIndexes(client, ['demo.parent', 'demo.child']);
    // demo.child's foreign key relies on demo.parent's primary key.
    expect(await indexes()).toEqual(before.filter((d) => d.includes('parent_pkey')));
    expect(await constraints()).toEqual(constraintsBefore.filter((c) => c !== 'demo.child child_pkey: PRIMARY KEY (id)'));
    await create();
    expect(await indexes()).toEqual(before);
    expect(await constraints()).toEqual(constraintsBefore);
  });

  it('still refuses duplicate keys loaded while the primary key was deferred, and keeps nothing', async () => {
    const parent = '00000000-0000-4000-8000-000000000001';
    await client.query('BEGIN');
    const loading = withCopyPipeline(
      client,
      async (copies) => {
        await copies.send('demo.parent', ['id', 'name', 'active'], [[parent, 'p', true]]);
        await copies.send('demo.child', ['id', 'parent_id', 'note'], [[1, parent, 'first'], [1, parent, 'again']]);
      },
      { deferIndexes: true },
    );
    await expect(loading).rejects.toThrow(/could not create unique index "child_pkey"/);
    await client.query('ROLLBACK');
    expect((await client.query('SELECT (SELECT count(*) FROM demo.parent)::int AS parents, (SELECT count(*) FROM demo.child)::int AS children')).rows[0]).toEqual({ parents: 0, children: 0 });
    expect(await indexes()).toHaveLength(5);
  });

  it('a pipeline sends COPYs one after another, creates the deferred indexes at the end, and reports a failed COPY as the cause', async () => {
    const before = await indexes();
    await client.query('BEGIN');
    const parent = '00000000-0000-4000-8000-000000000001';
    const sent = await withCopyPipeline(
      client,
      async (copies) => {
        await copies.send('demo.parent', ['id', 'name', 'active'], [[parent, 'p', true]]);
        await copies.send('demo.child', ['id', 'parent_id', 'note'], [[1, parent, 'first'], [2, parent, null]]);
        return 'done';
      },
      { deferIndexes: true },
    );
    expect(sent).toBe('done');
    expect(await indexes()).toEqual(before);
    expect((await client.query('SELECT count(*)::int AS n FROM demo.child')).rows[0]).toEqual({ n: 2 });
    await client.query('ROLLBACK');

    await client.query('BEGIN');
    const failing = withCopyPipeline(client, async (copies) => {
      // The child's parent does not exist: the second COPY fails, the third runs into the aborted transaction.
      await copies.send('demo.parent', ['id', 'name', 'active'], [[parent, 'p', true]]);
      await copies.send('demo.child', ['id', 'parent_id', 'note'], [[1, '00000000-0000-4000-8000-00000000ffff', 'orphan']]);
      await copies.send('demo.child', ['id', 'parent_id', 'note'], [[2, parent, null]]);
    });
    await expect(failing).rejects.toThrow(/foreign key/);
  });
});
