import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import { gql, loadDemo, type GraphQLAnswer } from './support';

type Running = Awaited<ReturnType<typeof start>>;

const TREE = `id name region { code } currentPhase
  phases { phase late tasks } committee { name members { name person { id } } } office { name }
  workingGroups { id kind category memberUnits members { name title role } projects { id } }
  highRiskGroups { id category currentCount }
  interventionProjects { id name status workingGroup { kind } highRiskGroup { category } indicators { name baseline target actual achieved progress } activities { id kind participants } participantsTotal }
  emergencyPlans { id title versions { version approvedOn } currentVersion { version } drills { rating plan { id } } }
  correctiveActions { id status overdue review { id } }
  reviews { id kind correctiveActions { id } }`;

describe('safety queries on the demo data', () => {
  let database: TestDatabase;
  let running: Running;
  const population = generatePopulation({ households: 1200 });
  const town = population.regions.find((r) => r.level === 'SUBDISTRICT')!.code;

  beforeAll(async () => {
    database = await createTestDatabase('safety_queries', ['safety']);
    await loadDemo(database.url, population);
    running = await start({ port: 0, databaseUrl: database.url });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('reads whole programme trees with the same number of statements for one programme as for all of them', async () => {
    const count = async (text: string) => {
      const before = running.db.statements.count;
      const answer = await gql(running.url, text);
      expect(answer.errors).toBeUndefined();
      return { data: answer.data, statements: running.db.statements.count - before };
    };
    const all = await count(`{ safetyProgrammes { ${TREE} } }`);
    const programmes = all.data.safetyProgrammes;
    expect(programmes.length).toBeGreaterThanOrEqual(2);
    const one = await count(`{ safetyProgramme(id: "${programmes[0].id}") { ${TREE} } }`);
    expect(all.statements).toBe(one.statements);
    const first = programmes[0];
    expect(first.region.code).toBe(town);
    expect(first.currentPhase).toBe('CONTINUOUS_IMPROVEMENT');
    expect(first.committee.name).toBe('安全社区建设工作促进委员会');
    expect(first.interventionProjects.map((p: { workingGroup: { kind: string } }) => p.workingGroup.kind).sort()).toEqual(
      ['CHILD_SAFETY', 'ELDERLY_SAFETY', 'FIRE_SAFETY', 'HOME_SAFETY', 'SCHOOL_SAFETY', 'TRAFFIC_SAFETY', 'WORKPLACE_SAFETY'],
    );
    const surveillance = first.workingGroups.find((g: { kind: string }) => g.kind === 'INJURY_SURVEILLANCE');
    expect(surveillance.memberUnits).toEqual(['交警中队', '派出所', '民政办', '卫生院', '明德学校', '各村']);
    const sql = await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.project_activity a JOIN safety.intervention_project p ON p.id = a.project_id WHERE p.programme_id = $1`, [first.id]);
    expect(first.interventionProjects.reduce((n: number, p: { activities: unknown[] }) => n + p.activities.length, 0)).toBe(sql[0]!.n);
  });

  it('pages the members of a high-risk group, current ones first', async () => {
    const [group] = (await query<{ id: string; n: number }>(
      database.url,
      `SELECT group_id AS id, count(*)::int AS n FROM safety.high_risk_member GROUP BY group_id ORDER BY count(*) DESC LIMIT 1`,
    )) as [{ id: string; n: number }];
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const members: GraphQLAnswer<{ safetyProgrammes: { highRiskGroups: { id: string; currentCount: number; members: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; current: boolean } }[] } }[] }[] }> =
        await gql(running.url, `query ($after: String) { safetyProgrammes { highRiskGroups { id currentCount members(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id current } } } } } }`, { after });
      expect(members.errors).toBeUndefined();
      const found = members.data.safetyProgrammes.flatMap((p) => p.highRiskGroups).find((g) => g.id === group.id)!;
      expect(found.members.totalCount).toBe(group.n);
      expect(found.currentCount).toBe(group.n);
      ids.push(...found.members.edges.map((e) => e.node.id));
      if (!found.members.pageInfo.hasNextPage) break;
      after = found.members.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(group.n);
    expect(new Set(ids).size).toBe(group.n);
  });

  it('pages hazards most urgent first, with consistent cursors and totals', async () => {
    const seen: { id: string; riskLevel: string; deadline: string }[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 100; page += 1) {
      type Hazards = { hazards: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; riskLevel: string; deadline: string } }[] } };
      const answer: GraphQLAnswer<Hazards> = await gql<Hazards>(
        running.url,
        `query ($after: String) { hazards(regionCode: "${town}", first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id riskLevel deadline } } } }`,
        { after },
      );
      expect(answer.errors).toBeUndefined();
      const connection = answer.data.hazards;
      total = connection.totalCount;
      seen.push(...connection.edges.map((e: { node: { id: string; riskLevel: string; deadline: string } }) => e.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const [{ n }] = (await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.hazard WHERE region_code LIKE $1 || '%'`, [town])) as [{ n: number }];
    expect(total).toBe(n);
    expect(seen).toHaveLength(n);
    expect(new Set(seen.map((h) => h.id)).size).toBe(n);
    const rank = ['MAJOR', 'SIGNIFICANT', 'GENERAL', 'LOW'];
    for (let i = 1; i < seen.length; i += 1) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(rank.indexOf(a.riskLevel) < rank.indexOf(b.riskLevel) || (a.riskLevel === b.riskLevel && a.deadline <= b.deadline)).toBe(true);
    }
  });

  it('lists injury records of a period newest first and refuses bad arguments as BAD_USER_INPUT', async () => {
    const { data, errors } = await gql(running.url, `{ injuryRecords(regionCode: "${town}", from: "2025-01-01", to: "2025-12-31", first: 100) { totalCount edges { node { injuryDate region { code } } } } }`);
    expect(errors).toBeUndefined();
    const dates = data.injuryRecords.edges.map((e: { node: { injuryDate: string } }) => e.node.injuryDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates.every((d: string) => d.startsWith('2025'))).toBe(true);
    const [{ n }] = (await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.injury_record WHERE region_code LIKE $1 || '%' AND injury_date BETWEEN '2025-01-01' AND '2025-12-31'`, [town])) as [{ n: number }];
    expect(data.injuryRecords.totalCount).toBe(n);
    for (const [args, field] of [
      [`regionCode: "12345", from: "2025-01-01", to: "2025-12-31"`, 'regionCode'],
      [`regionCode: "${town}", from: "2025-12-31", to: "2025-01-01"`, 'from'],
      [`regionCode: "${town}", from: "2025-01-01", to: "2025-12-31", first: 0`, 'first'],
      [`regionCode: "${town}", from: "2025-01-01", to: "2025-12-31", after: "bm9wZQ"`, 'after'],
    ] as const) {
      const bad = await gql(running.url, `{ injuryRecords(${args}) { totalCount } }`);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('answers unknown ids with null, not errors', async () => {
    const { data, errors } = await gql(running.url, `{ safetyProgramme(id: "x") { id } hazard(id: "00000000-0000-4000-8000-000000000000") { id } interventionProject(id: "1") { id } emergencyPlan(id: "") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ safetyProgramme: null, hazard: null, interventionProject: null, emergencyPlan: null });
  });

  it('finds the programme of a village through its town', async () => {
    const village = population.regions.find((r) => r.level === 'COMMUNITY' && r.parentCode === town)!.code;
    const { data, errors } = await gql(running.url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code safetyProgramme { region { code } } } } }`, {
      // 370799: a district code inside the test callers' jurisdiction (Shandong) without a programme.
      r: [{ __typename: 'Region', code: village }, { __typename: 'Region', code: '370799' }],
    });
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([{ code: village, safetyProgramme: { region: { code: town } } }, { code: '370799', safetyProgramme: null }]);
  });
});
