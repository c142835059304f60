import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../src';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migration runner', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('migrate');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('applies pending migrations in order, once, recording checksums', async () => {
    const dir = migrationsDir({
      '20260101000000_first': 'CREATE TABLE demo.thing (id int PRIMARY KEY);',
      '20260102000000_second': 'ALTER TABLE demo.thing ADD COLUMN name text;',
    });
    expect(await applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir })).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(await applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir })).toEqual([]);
    const rows = await query<{ name: string; checksum: string }>(db.url, 'SELECT name, checksum FROM demo._migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rolls back a failing migration whole and reports which one', async () => {
    const dir = migrationsDir({
      '20260101000000_first': 'CREATE TABLE demo.thing (id int PRIMARY KEY);',
      '20260102000000_broken': 'CREATE TABLE demo.other (id int); SELECT no_such_function();',
    });
    await expect(applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir })).rejects.toThrow(/20260102000000_broken failed and was rolled back/);
    const tables = await query<{ table_name: string }>(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'demo' ORDER BY 1");
    expect(tables.map((t) => t.table_name)).toEqual(['_migrations', 'thing']);
  });

  it('refuses a server older than the hub needs before writing anything', async () => {
    const dir = migrationsDir({ '20260101000000_first': 'CREATE TABLE demo.thing (id int PRIMARY KEY);' });
    // The test server is PostgreSQL 18; asking for a version from the future stands in for an old server.
    await expect(applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir, minimumServerVersion: 990000 })).rejects.toThrow(/is too old: the hub needs server_version_num 990000 or later .*nothing was migrated/);
    expect(await query(db.url, "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'demo'")).toEqual([]);
    expect(await applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir })).toEqual(['20260101000000_first']);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const dir = migrationsDir({ '20260101000000_first': 'CREATE TABLE demo.thing (id int PRIMARY KEY);' });
    await applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir });
    writeFileSync(path.join(dir, '20260101000000_first', 'migration.sql'), 'CREATE TABLE demo.thing (id bigint PRIMARY KEY);');
    await expect(applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir })).rejects.toThrow(/was edited after it was applied/);
  });

  it('applies each migration once when two connections migrate at the same time', async () => {
    const dir = migrationsDir({
      '20260101000000_first': 'CREATE TABLE demo.thing (id int PRIMARY KEY); SELECT pg_sleep(0.3);',
      '20260102000000_second': 'INSERT INTO demo.thing VALUES (1);',
    });
    const results = await Promise.all([
      applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir }),
      applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir }),
    ]);
    expect(results.flat().sort()).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(await query(db.url, 'SELECT * FROM demo.thing')).toHaveLength(1);
  });

  it('applies each migration once when two separate processes start together', async () => {
    const dir = migrationsDir({
      '20260101000000_first': 'CREATE TABLE demo.thing (id int PRIMARY KEY); SELECT pg_sleep(0.5);',
      '20260102000000_second': 'INSERT INTO demo.thing VALUES (1);',
    });
    const cli = path.resolve(__dirname, '../../../test/support/migrate-cli.ts');
    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', cli, db.url, 'demo', dir]);
    const outputs = await Promise.all([run(), run()]);
    const applied = outputs.flatMap((output) => JSON.parse(output.stdout) as string[]);
    expect(applied.sort()).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(await query(db.url, 'SELECT * FROM demo.thing')).toHaveLength(1);
  });

  it('refuses a database migrated by a newer version', async () => {
    const dir = migrationsDir({ '20260101000000_first': 'CREATE TABLE demo.thing (id int);' });
    await applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: migrationsDir({ ...{ '20260101000000_first': 'CREATE TABLE demo.thing (id int);' }, '20270101000000_future': 'SELECT 1;' }) });
    await expect(applyMigrations({ connectionString: db.url, schema: 'demo', migrationsDir: dir })).rejects.toThrow(/does not know \(20270101000000_future\)/);
  });
});
