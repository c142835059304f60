import { roleHeaders } from '../../../test/support/access';
import { query } from '../../../test/support/database';
import { startTestHub, type TestHub } from '../../../test/support/hub';
import type { Data } from './support';

// Supervision of released persons through the real gateway (issue 4's last item): the gateway refuses the field
// before planning for callers without supervision:read, the rest of their answer stays, and the safety officer's
// read is audited by community.
const PURPOSE = '帮教工作核查 (automated test)';

let hub: TestHub;
let file: { id: string; person_id: string; region_code: string; district: string };

const READ = `query($id: ID!, $community: String!, $district: String!) {
  person(id: $id) { name idNumber supervisionFile { id overdue visits { mode } } }
  supervisionFiles(regionCode: $community) { totalCount }
  region(code: $district) { name communityStatistics { activeSupervisionFiles overdueSupervisionFiles } } }`;

const supervisionRows = (subject: string) =>
  query<{ fields: string[]; person_ids: string[]; purpose: string }>(hub.database.url, `SELECT fields, person_ids, purpose FROM community.access_audit WHERE subject = $1 AND 'SUPERVISION' = ANY(categories) ORDER BY id`, [subject]);

beforeAll(async () => {
  hub = await startTestHub({ households: 60, seed: 5 });
  const [row] = await query<{ id: string; person_id: string; region_code: string }>(
    hub.database.url,
    `SELECT f.id::text, f.person_id::text, f.region_code FROM community.supervision_file f
       JOIN community.household_membership m ON m.person_id = f.person_id AND m.end_date IS NULL
      WHERE f.end_date IS NULL ORDER BY f.id LIMIT 1`,
  );
  if (!row) throw new Error('the demo data holds no open supervision file');
  file = { ...row, district: row.region_code.slice(0, 6) };
});

afterAll(async () => {
  await hub?.stop();
});

const variables = () => ({ id: file.person_id, community: file.region_code, district: file.district });

describe('supervision files through the gateway', () => {
  it('are read by the safety officer of the district with X-Purpose, and community audits the read', async () => {
    const answer = await hub.query<Data>(READ, variables(), await roleHeaders('safety-officer', file.district, PURPOSE));
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.person.supervisionFile.id).toBe(file.id);
    expect(answer.data!.person.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(answer.data!.supervisionFiles.totalCount).toBeGreaterThan(0);
    const rows = await supervisionRows(`demo-safety-officer-${file.district}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.purpose).toBe(PURPOSE);
    expect(rows[0]!.person_ids).toContain(file.person_id);
    expect(rows[0]!.fields).toEqual(expect.arrayContaining(['Person.supervisionFile', 'Query.supervisionFiles', 'SupervisionFile.overdue', 'SupervisionVisit.mode']));
  });

  it('are refused to the safety officer without X-Purpose, at the field, with the rest of the answer', async () => {
    const answer = await hub.query<Data>(READ, variables(), await roleHeaders('safety-officer', file.district));
    expect(answer.data!.person.name).toEqual(expect.any(String));
    expect(answer.data!.person.supervisionFile).toBeNull();
    expect(answer.errors).toContainEqual(expect.objectContaining({ path: ['person', 'supervisionFile'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
  });

  it.each([
    ['grid-worker', () => file.region_code],
    ['civil-affairs-officer', () => file.district],
  ] as const)('are refused to the %s (FORBIDDEN at each supervision field) while the rest of the answer stays, and nothing is audited', async (role, region) => {
    const before = await supervisionRows(`demo-${role}-${region()}`);
    const answer = await hub.query<Data>(READ, variables(), await roleHeaders(role, region(), PURPOSE));
    expect(answer.data!.person).toEqual({ name: expect.any(String), idNumber: expect.any(String), supervisionFile: null });
    expect(answer.data!.supervisionFiles).toBeNull();
    expect(answer.data!.region.communityStatistics.activeSupervisionFiles).toBeGreaterThan(0);
    const refused = (answer.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path);
    expect(refused).toEqual(expect.arrayContaining([['person', 'supervisionFile'], ['supervisionFiles']]));
    expect(refused).toHaveLength(2);
    expect(await supervisionRows(`demo-${role}-${region()}`)).toEqual(before);
  });

  it("give the dashboard viewer the district's aggregate counts only", async () => {
    const headers = await roleHeaders('dashboard-viewer', file.district);
    const answer = await hub.query<Data>(READ, variables(), headers);
    expect(answer.data!.person).toBeNull();
    expect(answer.data!.supervisionFiles).toBeNull();
    // The same aggregate a caller with every scope over the whole province reads for the district.
    const full = await hub.query<Data>(`query($district: String!) { region(code: $district) { communityStatistics { activeSupervisionFiles overdueSupervisionFiles } } }`, { district: file.district });
    expect(answer.data!.region.communityStatistics).toEqual(full.data!.region.communityStatistics);
    expect(answer.errors!.map((e) => e.path)).toEqual(expect.arrayContaining([['person'], ['supervisionFiles']]));
  });
});
