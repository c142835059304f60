// The process's copy of the administrative divisions (src/data/regionDirectory.ts): one statement for all, a division
// added since found by its own lookup, a renamed one shown once the copy is older than its age limit.
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { createDb, type CommunityDb } from '../src/data/db';
import { RegionDirectory } from '../src/data/regionDirectory';

let database: TestDatabase;
let db: CommunityDb;

beforeAll(async () => {
  database = await createTestDatabase('community_regions', ['community']);
  await query(database.url, `INSERT INTO community.region (code, name, level, parent_code, rural) VALUES
    ('370702', '潍城区', 'DISTRICT', NULL, false), ('370705', '奎文区', 'DISTRICT', NULL, false), ('370703', '寒亭区', 'DISTRICT', NULL, false)`);
  db = createDb(database.url);
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

it('reads every division in one statement and answers later lookups from its copy', async () => {
  let clock = 0;
  const directory = new RegionDirectory(db.prisma, { maxAgeMs: 60_000, now: () => clock });
  const before = db.statements.count;
  expect((await directory.get(['370703', '370705'])).map((r) => r?.name)).toEqual(['寒亭区', '奎文区']);
  expect(db.statements.count - before).toBe(1);
  expect((await directory.get(['370702', '370703', '370703'])).map((r) => r?.name)).toEqual(['潍城区', '寒亭区', '寒亭区']);
  expect(db.statements.count - before).toBe(1);

  // A division added since: its own lookup, then in the copy.
  await query(database.url, `INSERT INTO community.region (code, name, level, parent_code, rural) VALUES ('370703001', '寒亭街道', 'SUBDISTRICT', '370703', false)`);
  expect((await directory.get(['370703001']))[0]?.name).toBe('寒亭街道');
  expect(db.statements.count - before).toBe(2);
  expect((await directory.get(['370703001']))[0]?.name).toBe('寒亭街道');
  expect(db.statements.count - before).toBe(2);

  // No such division: null, looked up each time (never cached as absent, so it appears once added).
  expect(await directory.get(['379999'])).toEqual([null]);
  expect(db.statements.count - before).toBe(3);

  // Renamed: the copy shows the old name until it is older than the limit.
  await query(database.url, `UPDATE community.region SET name = '寒亭区（新）' WHERE code = '370703'`);
  clock = 59_999;
  expect((await directory.get(['370703']))[0]?.name).toBe('寒亭区');
  clock = 60_000;
  expect((await directory.get(['370703']))[0]?.name).toBe('寒亭区（新）');
  expect(db.statements.count - before).toBe(4);
});

it('shares one reload among lookups that arrive together', async () => {
  const directory = new RegionDirectory(db.prisma);
  const before = db.statements.count;
  const answers = await Promise.all([directory.get(['370702']), directory.get(['370705']), directory.get(['370703'])]);
  expect(answers.map(([r]) => r?.code)).toEqual(['370702', '370705', '370703']);
  expect(db.statements.count - before).toBe(1);
});
