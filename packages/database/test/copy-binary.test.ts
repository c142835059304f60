import { Client } from 'pg';
import { copyRows, type CopyValue } from '../src';
import { binaryColumnEncoders, daysFromCivil } from '../src/copy-binary';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';

// COPY's binary format must store exactly what the text format stores: the same rows go into a table that COPY fills
// in binary and into its twin, which an array column keeps on the text format, and the two must read back equal.
describe('COPY in binary format', () => {
  let db: TestDatabase;
  let client: Client;
  const COLUMNS = ['id', 'name', 'kind', 'born', 'at', 'small', 'count', 'big', 'ratio', 'active', 'doc', 'note'];
  const TWIN_COLUMNS = [...COLUMNS, 'tags'];

  beforeAll(async () => {
    db = await createTestDatabase('copy_binary');
    client = new Client({ connectionString: db.url });
    await client.connect();
    const columns = `id uuid PRIMARY KEY, name text NOT NULL, kind demo.kind, born date, at timestamptz, small smallint, count integer, big bigint,
                     ratio double precision, active boolean, doc jsonb, note varchar(200)`;
    await client.query(`
      CREATE SCHEMA demo;
      CREATE TYPE demo.kind AS ENUM ('FIRST', 'SECOND_ONE');
      CREATE TABLE demo.binary_rows (${columns});
      CREATE TABLE demo.text_rows (${columns}, tags text[]);`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });
  afterEach(async () => {
    await client.query('ROLLBACK').catch(() => undefined);
  });

  const id = (n: number): string => `0f1e2d3c-4b5a-4978-8a6b-${n.toString(16).padStart(12, '0')}`;
  const readBack = async (table: string): Promise<string[]> =>
    (await client.query<{ row: string }>(`SELECT (${COLUMNS.map((c) => `t.${c}`).join(', ')})::text AS row FROM demo.${table} t ORDER BY id`)).rows.map((r) => r.row);

  it('uses the binary format only when every column has a binary encoder', async () => {
    expect(await binaryColumnEncoders(client, 'demo.binary_rows', COLUMNS)).toHaveLength(COLUMNS.length);
    expect(await binaryColumnEncoders(client, 'demo.text_rows', TWIN_COLUMNS)).toBeNull();
    expect(await binaryColumnEncoders(client, 'demo.binary_rows', ['id', 'no_such_column'])).toBeNull();
  });

  it('stores what the text format stores, for every type it encodes and at the edges of each', async () => {
    const rows: CopyValue[][] = [
      [id(1), 'ascii', 'FIRST', '2000-01-01', new Date('2000-01-01T00:00:00.000Z'), 0, 0, 0, 0, true, '{}', null],
      [id(2), '张三 with tab\t, newline\n and back\\slash', 'SECOND_ONE', '1999-12-31', '1999-12-31T23:59:59.999Z', -32768, -2147483648, -(2n ** 63n), -1.5, false, '{"名": [1, 2]}', 'x'],
      [id(3), 'y'.repeat(49), null, '2024-02-29', '2026-11-29T08:30:00+08:00', 32767, 2147483647, 2n ** 63n - 1n, 1e300, null, null, 'é'],
      [id(4), '', 'FIRST', '1900-02-28', '1969-07-20T20:17:40Z', null, null, Number.MAX_SAFE_INTEGER, 0.1, true, '"text"', ''],
      [id(5), 'ü'.repeat(10), 'FIRST', '0001-01-01', '2026-03-01T12:00-05:30', 7, 12, -Number.MAX_SAFE_INTEGER, 1e-300, false, 'null', 'ö'],
      [id(6), '一'.repeat(200_000), 'FIRST', '9999-12-31', new Date(Date.UTC(1850, 0, 1, 6)), 1, '42', 10n, '2.5', true, '[]', null],
      [id(7), 12345, 'SECOND_ONE', new Date('2026-11-29T23:59:59Z'), null, '-3', 3, '-9007199254740991', 3, false, '{"a": "b"}', 'z'],
    ];
    // A few thousand more, to cross chunk boundaries.
    for (let n = 100; n < 20_000; n += 1) rows.push([id(n), `姓名${n}`, n % 2 ? 'FIRST' : 'SECOND_ONE', `19${String(50 + (n % 50))}-0${1 + (n % 9)}-1${n % 10}`, null, n % 100, n, n * 1_000_003, n / 7, n % 3 === 0, null, null]);
    await client.query('BEGIN');
    await copyRows(client, 'demo.binary_rows', COLUMNS, rows);
    await copyRows(client, 'demo.text_rows', TWIN_COLUMNS, rows.map((row) => [...row, null]));
    const binary = await readBack('binary_rows');
    expect(binary).toHaveLength(rows.length);
    expect(binary).toEqual(await readBack('text_rows'));
    // Spot checks against PostgreSQL's own reading of the values, not only against the other format.
    const { rows: spot } = await client.query(
      `SELECT born::text, at = '2026-11-29T00:30:00Z' AS at_ok, big::text, length(name) AS name_length FROM demo.binary_rows WHERE id IN ($1, $2) ORDER BY id`,
      [id(3), id(6)],
    );
    expect(spot).toEqual([
      { born: '2024-02-29', at_ok: true, big: String(2n ** 63n - 1n), name_length: 49 },
      { born: '9999-12-31', at_ok: false, big: '10', name_length: 200_000 },
    ]);
  });

  it.each<[string, CopyValue]>([
    ['born', '2026-02-30'],
    ['born', '2025-02-29'],
    ['born', '2026-13-01'],
    ['born', '2026-1-01'],
    ['born', 'yesterday'],
    ['born', 20261129],
    ['at', '2026-11-29T08:30:00'],
    ['at', '2026-11-29'],
    ['at', 'not a time'],
    ['small', 32768],
    ['count', 2147483648],
    ['count', 1.5],
    ['count', '12a'],
    ['big', 2n ** 63n],
    ['big', Number.MAX_SAFE_INTEGER + 2],
    ['active', 'true'],
    ['ratio', 'many'],
    ['doc', 12],
  ])('refuses %s = %p with a clear error and stores nothing', async (column, value) => {
    await client.query('BEGIN');
    const row: Record<string, CopyValue> = { id: id(1), name: 'n', [column]: value };
    const columns = Object.keys(row);
    await expect(copyRows(client, 'demo.binary_rows', columns, [Object.values(row)])).rejects.toThrow(/is not a valid/);
    await client.query('ROLLBACK');
    expect((await client.query('SELECT count(*)::int AS n FROM demo.binary_rows')).rows[0]).toEqual({ n: 0 });
  });

  it('refuses a malformed UUID instead of storing another one', async () => {
    for (const bad of ['0f1e2d3c-4b5a-4978-8a6b-00000000000g', '0f1e2d3c4b5a-4978-8a6b-0000000000001', '0f1e2d3c-4b5a-4978-8a6b-00000000000', '0f1e2d3c-4b5a-4978-8a6b-00000000000١']) {
      await client.query('BEGIN');
      await expect(copyRows(client, 'demo.binary_rows', ['id', 'name'], [[bad, 'n']])).rejects.toThrow(/is not a valid UUID/);
      await client.query('ROLLBACK');
    }
    expect((await client.query('SELECT count(*)::int AS n FROM demo.binary_rows')).rows[0]).toEqual({ n: 0 });
  });

  it('counts days as PostgreSQL does', async () => {
    const { rows } = await client.query<{ day: string; n: number }>(
      `SELECT d::date::text AS day, (d::date - '1970-01-01'::date) AS n FROM unnest(ARRAY['0001-01-01', '1600-02-29', '1969-12-31', '1970-01-01', '2000-03-01', '2100-02-28', '9999-12-31']) AS d`,
    );
    for (const { day, n } of rows) expect([day, daysFromCivil(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))]).toEqual([day, n]);
  });
});
