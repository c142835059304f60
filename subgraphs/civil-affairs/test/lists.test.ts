/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import { fixtureId, gql } from './support';

describe('region worklists', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const URBAN = '370703001001';

  beforeAll(async () => {
    database = await createTestDatabase('civil_lists', ['civil-affairs']);
    // Reviews due a year after the last review or the start: 2026-02-28 (leap start), 2026-06-01, 2026-11-29, 2026-12-15 (not yet), one terminated, one elsewhere.
    const rows: [number, string, string, string | null, string, string | null][] = [
      [1, URBAN, '2025-06-01', null, 'IN_PAYMENT', null],
      [2, URBAN, '2024-02-29', '2025-02-28', 'IN_PAYMENT', null],
      [3, '370703001002', '2024-11-29', '2025-11-29', 'SUSPENDED', null],
      [4, URBAN, '2025-12-15', null, 'IN_PAYMENT', null],
      [5, URBAN, '2020-01-01', null, 'TERMINATED', '2021-01-01'],
      [6, '370702001001', '2020-01-01', null, 'IN_PAYMENT', null],
    ];
    for (const [n, region, start, reviewed, status, end] of rows) {
      await query(
        database.url,
        `INSERT INTO civil_affairs.enrolment (id, programme, household_id, person_id, region_code, category, member_count, monthly_amount_fen, start_date, last_reviewed_on, status, end_date, termination_reason)
         VALUES ($1, 'URBAN_DIBAO', $2, $2, $3, 'C', 1, 10000, $4, $5, $6::civil_affairs."EnrolmentStatus", $7, $8::civil_affairs."TerminationReason")`,
        [fixtureId(51, n), fixtureId(52, n), region, start, reviewed, status, end, status === 'TERMINATED' ? 'MOVED_AWAY' : null],
      );
    }
    for (const [n, stage, submitted] of [[1, 'SUBMITTED', '2026-11-20'], [2, 'REVIEWED', '2026-11-10'], [3, 'SUBMITTED', '2026-11-10'], [4, 'REJECTED', '2026-10-01']] as const) {
      await query(
        database.url,
        `INSERT INTO civil_affairs.dibao_application (id, programme, household_id, applicant_id, member_ids, region_code, declared_monthly_income_fen, declared_assets_fen, per_capita_income_fen, stage, submitted_on, rejection_reason)
         VALUES ($1, 'URBAN_DIBAO', $2, $3, ARRAY[$3]::uuid[], $4, 0, 0, 0, $5::civil_affairs."ApplicationStage", $6, $7)`,
        [fixtureId(53, n), fixtureId(54, n), fixtureId(55, n), URBAN, stage, submitted, stage === 'REJECTED' ? '收入超标' : null],
      );
    }
    running = await start({ port: 0, databaseUrl: database.url, today: '2026-11-29' });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  const REVIEWS = `query ($code: String!, $dueBy: Date, $after: String) { assistanceReviewsDue(regionCode: $code, dueBy: $dueBy, first: 2, after: $after) {
    totalCount edges { node { id reviewDue } } pageInfo { hasNextPage endCursor } } }`;

  it('lists the reviews due in a subtree, earliest first, page by page', async () => {
    const first = (await gql<any>(running.url, REVIEWS, { code: '370703' })).data.assistanceReviewsDue;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: any) => [e.node.id, e.node.reviewDue])).toEqual([[fixtureId(51, 2), '2026-02-28'], [fixtureId(51, 1), '2026-06-01']]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await gql<any>(running.url, REVIEWS, { code: '370703', after: first.pageInfo.endCursor })).data.assistanceReviewsDue;
    expect(second.edges.map((e: any) => [e.node.id, e.node.reviewDue])).toEqual([[fixtureId(51, 3), '2026-11-29']]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const later = (await gql<any>(running.url, REVIEWS, { code: URBAN, dueBy: '2026-12-31' })).data.assistanceReviewsDue;
    expect(later.totalCount).toBe(3);
    const bad = await gql<any>(running.url, REVIEWS, { code: '3707' });
    expect(bad.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'regionCode' }));
  });

  it('lists applications newest first, by stage', async () => {
    const LIST = `query ($stage: ApplicationStage, $after: String) { dibaoApplications(regionCode: "370703001", stage: $stage, first: 2, after: $after) { totalCount edges { node { id stage submittedOn } } pageInfo { hasNextPage endCursor } } }`;
    const all = (await gql<any>(running.url, LIST, {})).data.dibaoApplications;
    expect(all.totalCount).toBe(4);
    expect(all.edges.map((e: any) => e.node.id)).toEqual([fixtureId(53, 1), fixtureId(53, 2)]);
    const next = (await gql<any>(running.url, LIST, { after: all.pageInfo.endCursor })).data.dibaoApplications;
    expect(next.edges.map((e: any) => e.node.id)).toEqual([fixtureId(53, 3), fixtureId(53, 4)]);
    expect(next.pageInfo.hasNextPage).toBe(false);
    const submitted = (await gql<any>(running.url, LIST, { stage: 'SUBMITTED' })).data.dibaoApplications;
    expect(submitted.edges.map((e: any) => e.node.stage)).toEqual(['SUBMITTED', 'SUBMITTED']);
    expect(submitted.totalCount).toBe(2);
  });
});
