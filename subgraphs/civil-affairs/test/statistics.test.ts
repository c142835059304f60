/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { averagePerPerson, changePercent, comparisonPeriods, cremationRate, dibaoFigures, spendingFigures } from '../src/domain/statistics';
import { start } from '../src/server';
import { fixtureId, gql } from './support';

describe('statistics arithmetic', () => {
  it('computes the seed\'s figures', () => {
    // 居民最低生活保障平均补差110元/人、月比去年同期增长57.14% (from 70); 火化率 81.2 %.
    expect(changePercent(11000n, 7000n)).toBe(57.14);
    expect(changePercent(100n, 0n)).toBeNull();
    expect(changePercent(50n, 100n)).toBe(-50);
    expect(cremationRate(629, 775)).toBe(81.2);
    expect(cremationRate(0, 0)).toBeNull();
    expect(averagePerPerson(6627600n, 167)).toBe(39686n);
    expect(averagePerPerson(0n, 0)).toBeNull();
    expect(comparisonPeriods('2026-03-15')).toEqual({ month: '2026-03', yearStart: '2026-01', lastYearStart: '2025-01', lastYearMonth: '2025-03' });
  });
  it('sums dibao by urban and rural and spending over programmes', () => {
    expect(
      dibaoFigures([
        { programme: 'URBAN_DIBAO', enrolments: 2, persons: 5, monthlyFen: 55000n },
        { programme: 'RURAL_DIBAO', enrolments: 1, persons: 1, monthlyFen: 5000n },
        { programme: 'TEKUN_DISPERSED', enrolments: 9, persons: 9, monthlyFen: 99999n },
      ]),
    ).toEqual({ urbanHouseholds: 2, ruralHouseholds: 1, urbanPersons: 5, ruralPersons: 1, averageMonthlySubsidyPerPersonFen: 10000n });
    const { total } = spendingFigures([
      { programme: 'URBAN_DIBAO', monthFen: 100n, yearToDateFen: 300n, sameTimeLastYearFen: 200n },
      { programme: 'RURAL_DIBAO', monthFen: 0n, yearToDateFen: 100n, sameTimeLastYearFen: 0n },
    ]);
    expect(total).toEqual({ programme: 'ALL', monthFen: 100n, yearToDateFen: 400n, sameTimeLastYearFen: 200n, changePercent: 100 });
  });
});

describe('Region.civilAffairsStatistics against fixtures', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const URBAN = '370703001001';
  const VILLAGE = '370703001201';
  const ELSEWHERE = '370702001001';
  const STATS = `query ($r: [_Any!]!, $asOf: Date) { _entities(representations: $r) { ... on Region { code civilAffairsStatistics(asOf: $asOf) {
    asOf urbanDibaoHouseholds ruralDibaoHouseholds urbanDibaoPersons ruralDibaoPersons averageMonthlyDibaoSubsidy
    spendingThisMonth spendingYearToDate spendingSameTimeLastYear spendingChangePercent spendingByProgramme { programme thisMonth yearToDate sameTimeLastYear changePercent }
    tekunDispersed tekunCentralised medicalAssistanceClaims medicalAssistanceAmount temporaryAssistanceGrants temporaryAssistanceAmount
    disabledPersonsSubsidised { grade persons } deathsYearToDate cremationRate
    condolenceHouseholds condolenceAmount gloryPlaquesIssued specialCareRecipients housesCollapsed roomsCollapsed housesRebuilt careInstitutionBeds careInstitutionResidents } } } }`;

  beforeAll(async () => {
    database = await createTestDatabase('civil_statistics', ['civil-affairs']);
    const e = (n: number, programme: string, region: string, members: number, fen: number, status = 'IN_PAYMENT', end: string | null = null, reason: string | null = null) =>
      [fixtureId(31, n), programme, fixtureId(32, n), fixtureId(33, n), region, members, fen, '2025-01-01', end, status, reason];
    const enrolments = [
      e(1, 'URBAN_DIBAO', URBAN, 3, 33000),
      e(2, 'URBAN_DIBAO', URBAN, 2, 22000),
      e(3, 'URBAN_DIBAO', URBAN, 4, 44000, 'SUSPENDED'),
      e(4, 'URBAN_DIBAO', URBAN, 1, 11000, 'TERMINATED', '2026-01-31', 'MOVED_AWAY'),
      e(5, 'RURAL_DIBAO', VILLAGE, 1, 5000),
      e(6, 'URBAN_DIBAO', ELSEWHERE, 2, 20000),
      e(7, 'TEKUN_DISPERSED', VILLAGE, 1, 9167),
      e(8, 'TEKUN_CENTRALISED', VILLAGE, 1, 14167),
      e(9, 'SEVERE_DISABILITY_SUBSIDY', URBAN, 1, 10000),
      e(10, 'SEVERE_DISABILITY_SUBSIDY', VILLAGE, 1, 5000),
    ];
    for (const row of enrolments) {
      await query(
        database.url,
        `INSERT INTO civil_affairs.enrolment (id, programme, household_id, person_id, region_code, member_count, monthly_amount_fen, start_date, end_date, status, termination_reason)
         VALUES ($1, $2::civil_affairs."Programme", $3, $4, $5, $6, $7, $8, $9, $10::civil_affairs."EnrolmentStatus", $11::civil_affairs."TerminationReason")`,
        row,
      );
    }
    await query(
      database.url,
      `INSERT INTO civil_affairs.disability_record (id, person_id, region_code, category, grade, certificate_number, issued_date)
       VALUES ($1, $2, $3, 'PHYSICAL', 1, 'c1', '2020-01-01'), ($4, $5, $6, 'VISUAL', 3, 'c2', '2020-01-01')`,
      [fixtureId(34, 1), fixtureId(33, 9), URBAN, fixtureId(34, 2), fixtureId(33, 10), VILLAGE],
    );
    const pay = (n: number, enrolment: number, region: string, period: string, fen: number) => [fixtureId(35, n), fixtureId(31, enrolment), region, period, fen, fixtureId(36, 1)];
    for (const row of [pay(1, 1, URBAN, '2026-11', 33000), pay(2, 1, URBAN, '2026-10', 33000), pay(3, 1, URBAN, '2025-10', 20000), pay(4, 1, URBAN, '2025-12', 99900), pay(5, 6, ELSEWHERE, '2026-11', 20000)]) {
      await query(database.url, `INSERT INTO civil_affairs.payment (id, enrolment_id, programme, region_code, period, amount_fen, paid_on, payroll_run_id) VALUES ($1, $2, 'URBAN_DIBAO', $3, $4, $5, '2026-11-01', $6)`, row);
    }
    await query(
      database.url,
      `INSERT INTO civil_affairs.medical_assistance (id, person_id, household_id, region_code, rural, claim_date, diagnosis, total_cost_fen, insurance_paid_fen, amount_fen) VALUES
         ($1, $4, $4, '${URBAN}', false, '2026-03-01', '肺炎', 50000, 30000, 10000),
         ($2, $4, $4, '${VILLAGE}', true, '2026-06-01', '骨折', 80000, 40000, 20000),
         ($3, $4, $4, '${URBAN}', false, '2025-06-01', '骨折', 80000, 40000, 20000)`,
      [fixtureId(37, 1), fixtureId(37, 2), fixtureId(37, 3), fixtureId(33, 1)],
    );
    await query(
      database.url,
      `INSERT INTO civil_affairs.temporary_assistance (id, household_id, region_code, granted_on, reason, cash_fen, in_kind, in_kind_value_fen) VALUES ($1, $2, '${URBAN}', '2026-02-01', 'SPRING_FAMINE', 10000, '取暖器', 5000)`,
      [fixtureId(38, 1), fixtureId(32, 1)],
    );
    const deaths = [['CREMATED', '2026-02-01'], ['CREMATED', '2026-03-01'], ['CREMATED', '2026-04-01'], ['BURIED', '2026-05-01'], ['BURIED', '2025-05-01']];
    for (const [i, [type, date]] of deaths.entries()) {
      await query(database.url, `INSERT INTO civil_affairs.death_record (id, person_id, region_code, date_of_death, funeral_type) VALUES ($1, $2, $3, $4, $5::civil_affairs."FuneralType")`, [
        fixtureId(39, i),
        fixtureId(40, i),
        i === 0 ? VILLAGE : URBAN,
        date,
        type,
      ]);
    }
    await query(
      database.url,
      `INSERT INTO civil_affairs.condolence (id, household_id, region_code, occasion, visited_on, cash_fen, vouchers_fen, in_kind, in_kind_value_fen) VALUES
         ($1, $4, '${URBAN}', 'NEW_YEAR_SPRING_FESTIVAL', '2026-01-25', 20000, 5000, '米 1 袋', 8000),
         ($2, $4, '${URBAN}', 'SPRING_FAMINE', '2026-03-10', 0, 0, '取暖器 1 台', 15000),
         ($3, $5, '${VILLAGE}', 'NEW_YEAR_SPRING_FESTIVAL', '2025-01-25', 10000, 0, NULL, 0)`,
      [fixtureId(41, 1), fixtureId(41, 2), fixtureId(41, 3), fixtureId(32, 1), fixtureId(32, 5)],
    );
    await query(
      database.url,
      `INSERT INTO civil_affairs.special_care_recipient (id, person_id, household_id, region_code, category, registered_on) VALUES ($1, $2, $3, '${URBAN}', 'RETIRED_SOLDIER', '2020-01-01')`,
      [fixtureId(42, 1), fixtureId(33, 2), fixtureId(32, 2)],
    );
    await query(database.url, `INSERT INTO civil_affairs.glory_plaque (id, household_id, region_code, issued_on) VALUES ($1, $2, '${URBAN}', '2026-07-25')`, [fixtureId(43, 1), fixtureId(32, 2)]);
    await query(
      database.url,
      `INSERT INTO civil_affairs.house_rebuilding (id, household_id, region_code, reported_on, collapsed_rooms, cause, status, subsidy_fen, status_on, completed_on) VALUES
         ($1, $3, '${VILLAGE}', '2026-07-20', 3, '暴雨', 'COMPLETED', 1500000, '2026-10-01', '2026-10-01'),
         ($2, $4, '${VILLAGE}', '2026-08-02', 2, '暴雨', 'UNDER_CONSTRUCTION', 1000000, '2026-09-01', NULL)`,
      [fixtureId(44, 1), fixtureId(44, 2), fixtureId(32, 5), fixtureId(32, 7)],
    );
    await query(database.url, `INSERT INTO civil_affairs.care_institution (id, name, credit_code, region_code, capacity) VALUES ($1, '中心敬老院', '91350100M000100Y43', '370703001', 70)`, [fixtureId(45, 1)]);
    await query(
      database.url,
      `INSERT INTO civil_affairs.care_residence (id, institution_id, person_id, admitted_on, left_on, centralised_support) VALUES ($1, $3, $4, '2026-01-01', NULL, true), ($2, $3, $5, '2025-01-01', '2026-06-01', true)`,
      [fixtureId(46, 1), fixtureId(46, 2), fixtureId(45, 1), fixtureId(33, 8), fixtureId(33, 7)],
    );
    running = await start({ port: 0, databaseUrl: database.url, today: '2026-11-29' });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('sums the subtree of a district and of a village as of a day', async () => {
    const { data, errors } = await gql<any>(running.url, STATS, { r: [{ __typename: 'Region', code: '370703' }, { __typename: 'Region', code: VILLAGE }] });
    expect(errors).toBeUndefined();
    expect(data._entities[0]).toEqual({
      code: '370703',
      civilAffairsStatistics: {
        asOf: '2026-11-29',
        urbanDibaoHouseholds: 2,
        ruralDibaoHouseholds: 1,
        urbanDibaoPersons: 5,
        ruralDibaoPersons: 1,
        averageMonthlyDibaoSubsidy: '100.00',
        spendingThisMonth: '330.00',
        spendingYearToDate: '660.00',
        spendingSameTimeLastYear: '200.00',
        spendingChangePercent: 230,
        spendingByProgramme: [{ programme: 'URBAN_DIBAO', thisMonth: '330.00', yearToDate: '660.00', sameTimeLastYear: '200.00', changePercent: 230 }],
        tekunDispersed: 1,
        tekunCentralised: 1,
        medicalAssistanceClaims: 2,
        medicalAssistanceAmount: '300.00',
        temporaryAssistanceGrants: 1,
        temporaryAssistanceAmount: '150.00',
        disabledPersonsSubsidised: [{ grade: 1, persons: 1 }, { grade: 3, persons: 1 }],
        deathsYearToDate: 4,
        cremationRate: 75,
        condolenceHouseholds: 1,
        condolenceAmount: '480.00',
        gloryPlaquesIssued: 1,
        specialCareRecipients: 1,
        housesCollapsed: 2,
        roomsCollapsed: 5,
        housesRebuilt: 1,
        careInstitutionBeds: 70,
        careInstitutionResidents: 1,
      },
    });
    expect(data._entities[1].civilAffairsStatistics).toEqual(
      expect.objectContaining({ urbanDibaoHouseholds: 0, ruralDibaoHouseholds: 1, averageMonthlyDibaoSubsidy: '50.00', spendingThisMonth: '0.00', spendingChangePercent: null, deathsYearToDate: 1, cremationRate: 100 }),
    );
  });

  it('reads a past day: the enrolment that ended in January counts in January', async () => {
    const { data } = await gql<any>(running.url, STATS, { r: [{ __typename: 'Region', code: URBAN }], asOf: '2026-01-15' });
    expect(data._entities[0].civilAffairsStatistics).toEqual(expect.objectContaining({ urbanDibaoHouseholds: 3, urbanDibaoPersons: 6, spendingYearToDate: '0.00', deathsYearToDate: 0, cremationRate: null }));
  });

  it('sends the same statements for 3 and for 30 regions', async () => {
    const count = async (codes: string[]) => {
      const before = running.db.statements.count;
      const { errors } = await gql(running.url, STATS, { r: codes.map((code) => ({ __typename: 'Region', code })) });
      expect(errors).toBeUndefined();
      return running.db.statements.count - before;
    };
    const three = await count(['370703', URBAN, VILLAGE]);
    const thirty = await count(Array.from({ length: 30 }, (_, i) => `370703001${String(i + 1).padStart(3, '0')}`));
    // The summary (enrolments, spending, medical assistance), the disability grades, the other records.
    expect(three).toBe(3);
    expect(thirty).toBe(3);
    expect(thirty).toBe(three);
  });
});
