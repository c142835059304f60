import type { CopyPipeline, CopyValue } from '@hub/database';
import { creditCodeCheckCharacter } from '@hub/identifiers';
import { addDays, type DemoPopulation, type Random } from '@hub/demo-population';
import { addMonths } from '../domain/dates';
import { payableInPeriod, periodOf } from '../domain/payroll';
import type { Programme } from '../domain/standards';
import { isDibao } from '../domain/status';

/** An enrolment as the demo builds it (see demo.ts). */
export interface DemoEnrolment {
  id: string;
  programme: Programme;
  householdId: string | null;
  personId: string | null;
  regionCode: string;
  memberCount: number;
  monthlyAmountFen: bigint;
  startDate: string;
  endDate: string | null;
  status: 'IN_PAYMENT' | 'SUSPENDED' | 'TERMINATED';
  perCapitaIncomeFen: bigint | null;
}

/** Seed figures the history follows (second, fourth, fifth and ninth reports). */
export const HISTORY_RATES = {
  /** Months of payments kept: this year and last, so that "change on last year" has a base. */
  paymentMonths: 23,
  /** 13 medical assistance cases a half-year for 124 dibao households (街道): about 20 % a year, 527 元 each. */
  medicalPerDibaoHousehold: 0.2,
  medicalAverageYuan: 527,
  /** 6,345 temporary grants for 70,770 dibao persons: about 9 %, 940 元 each on average. */
  temporaryPerDibaoPerson: 0.09,
  temporaryAverageYuan: 940,
  /** 280 special care recipients in a subdistrict of six communities, 33 plaques a half-year. */
  specialCarePerHousehold: 0.006,
  plaqueShare: 0.6,
  /** 32 households with 88 collapsed rooms a half-year in a district: about 0.5 % of rural households a year. */
  collapsePerRuralHousehold: 0.005,
  /** 7,400 元 cash and 1,000 元 vouchers plus goods for 409 households at the two festivals. */
  festivalCashYuan: [100, 200] as const,
  /** The planned 敬老院 takes 70 residents. */
  institutionCapacity: 70,
} as const;

const OFFICER_SURNAMES = ['王', '李', '张', '刘', '赵', '孙', '于', '高'];
const OFFICER_GIVEN = ['芳', '明', '强', '丽', '军', '静', '伟', '敏'];
const DIAGNOSES = ['脑梗塞', '冠心病', '糖尿病', '慢性肾衰竭', '肺炎', '骨折', '恶性肿瘤', '白内障'];
const CAUSES = ['暴雨', '年久失修', '大风', '雪灾'];
const STEPS = ['SUBMITTED', 'HOME_VISITED', 'APPRAISED', 'REVIEWED', 'APPROVED', 'PUBLICIZED', 'ENROLLED'] as const;

function officer(random: Random): string {
  return random.pick(OFFICER_SURNAMES) + random.pick(OFFICER_GIVEN);
}

/** Sequential ids for the bulk rows (payments, steps): as unique as random ones, much cheaper to make. */
function sequence(tag: number): () => string {
  let n = 0;
  return () => `ca${tag.toString(16).padStart(6, '0')}-0000-4000-8000-${(n++).toString(16).padStart(12, '0')}`;
}

function months(first: string, last: string): string[] {
  const list: string[] = [];
  for (let day = `${first}-01`; periodOf(day) <= last; day = addMonths(day, 1)) list.push(periodOf(day));
  return list;
}

/** Bulk-loads the records that hang on the enrolments: payments, applications, officers, relief, care, special care. */
export async function loadReliefHistory(
  copies: CopyPipeline,
  random: Random,
  population: DemoPopulation,
  enrolments: readonly DemoEnrolment[],
  deaths: ReadonlyMap<string, { date: string }>,
): Promise<Record<string, number>> {
  const today = population.today;
  // Payroll runs on the 10th: the current month is paid once that day has passed.
  const lastMonth = today.slice(8) >= '10' ? periodOf(today) : periodOf(addMonths(today, -1));
  const periods = months(periodOf(addMonths(today, -HISTORY_RATES.paymentMonths)), lastMonth);
  const yearStart = `${today.slice(0, 4)}-01-01`;

  // Payments: every payable month of every enrolment, one payroll run per district and month.
  const paymentId = sequence(1);
  const stepId = sequence(2);
  const payments: CopyValue[][] = [];
  const runs = new Map<string, { id: string; period: string; district: string; count: number; amount: bigint }>();
  for (const e of enrolments) {
    const death = e.personId && !isDibao(e.programme) ? (deaths.get(e.personId)?.date ?? null) : null;
    for (const period of periods) {
      if (!payableInPeriod({ ...e, status: e.status === 'SUSPENDED' ? 'IN_PAYMENT' : e.status }, period, death)) continue;
      const district = e.regionCode.slice(0, 6);
      const key = `${period}|${district}`;
      let run = runs.get(key);
      if (!run) runs.set(key, (run = { id: random.uuid(), period, district, count: 0, amount: 0n }));
      run.count += 1;
      run.amount += e.monthlyAmountFen;
      payments.push([paymentId(), e.id, e.programme, e.householdId, e.personId, e.regionCode, period, e.monthlyAmountFen, `${period}-10`, run.id]);
    }
  }

  // Relief officers: two per subdistrict, each with two near relatives among the residents there.
  const officers: CopyValue[][] = [];
  const relatives: CopyValue[][] = [];
  const personsByRegion = new Map<string, string[]>();
  for (const h of population.households) {
    const sub = h.regionCode.slice(0, 9);
    const list = personsByRegion.get(sub) ?? [];
    if (list.length < 400) list.push(...h.memberIds);
    personsByRegion.set(sub, list);
  }
  for (const region of population.regions.filter((r) => r.level === 'SUBDISTRICT')) {
    for (let i = 0; i < 2; i += 1) {
      const id = random.uuid();
      officers.push([id, officer(random), region.code]);
      const residents = personsByRegion.get(region.code) ?? [];
      const chosen = new Set<string>();
      while (residents.length > 0 && chosen.size < Math.min(2, residents.length)) chosen.add(random.pick(residents));
      for (const personId of chosen) relatives.push([random.uuid(), id, personId, random.pick(['配偶', '子女', '父母', '兄弟姐妹'])]);
    }
  }

  // Applications: the recent enrolments came through the workflow; some households are in it now or were refused.
  const applications: CopyValue[][] = [];
  const steps: CopyValue[][] = [];
  const householdById = new Map(population.households.map((h) => [h.id, h]));
  const addSteps = (applicationId: string, stages: readonly string[], from: string, gaps: number[]): string => {
    let day = from;
    stages.forEach((stage, i) => {
      day = i === 0 ? from : addDays(day, gaps[i - 1] ?? 3);
      steps.push([stepId(), applicationId, stage, officer(random), day, stage === 'HOME_VISITED' ? '入户调查, 情况属实' : null]);
    });
    return day;
  };
  const dibaoEnrolments = enrolments.filter((e) => isDibao(e.programme) && e.householdId);
  for (const e of dibaoEnrolments.filter((x) => x.startDate >= addDays(today, -730))) {
    const household = householdById.get(e.householdId!);
    if (!household) continue;
    const id = random.uuid();
    // Walk the steps backwards from the start: publicity seven days before enrolment.
    const submitted = addDays(e.startDate, -27);
    const perCapita = e.perCapitaIncomeFen ?? 0n;
    applications.push([id, e.programme, e.householdId, household.memberIds[0], `{${household.memberIds.join(',')}}`, e.regionCode, perCapita * BigInt(household.memberIds.length), BigInt(random.int(0, 20_000) * 100), perCapita, random.pick(['A', 'B', 'C']), 'ENROLLED', submitted, addDays(e.startDate, -7), null, e.id, 6]);
    addSteps(id, STEPS, submitted, [5, 5, 4, 3, 3, 7]);
  }
  const onDibao = new Set(dibaoEnrolments.map((e) => e.householdId));
  const open = population.households.filter(() => random.chance(0.003));
  for (const household of open) {
    if (onDibao.has(household.id)) continue;
    const id = random.uuid();
    const reached = random.int(0, 5);
    const rejected = random.chance(0.3);
    const stage = rejected ? 'REJECTED' : STEPS[reached]!;
    const submitted = random.dateBetween(addDays(today, -60), addDays(today, -30));
    const income = BigInt(random.int(0, 300) * 100 * household.memberIds.length);
    const last = addSteps(id, STEPS.slice(0, reached + 1), submitted, [5, 5, 4, 3, 3]);
    if (rejected) steps.push([stepId(), id, 'REJECTED', officer(random), addDays(last, 2), '家庭收入超过低保标准']);
    applications.push([
      id,
      household.rural ? 'RURAL_DIBAO' : 'URBAN_DIBAO',
      household.id,
      household.memberIds[0],
      `{${household.memberIds.join(',')}}`,
      household.regionCode,
      income,
      BigInt(random.int(0, 30_000) * 100),
      income / BigInt(household.memberIds.length),
      reached >= 4 && !rejected ? random.pick(['A', 'B', 'C']) : null,
      stage,
      submitted,
      reached >= 5 && !rejected ? last : null,
      rejected ? '家庭收入超过低保标准' : null,
      null,
      reached + (rejected ? 1 : 0),
    ]);
  }

  // Medical and temporary assistance this year, festival visits, for current dibao households.
  const medical: CopyValue[][] = [];
  const temporary: CopyValue[][] = [];
  const condolences: CopyValue[][] = [];
  for (const e of dibaoEnrolments.filter((x) => x.status === 'IN_PAYMENT')) {
    const household = householdById.get(e.householdId!)!;
    if (random.chance(HISTORY_RATES.medicalPerDibaoHousehold)) {
      const amount = BigInt(Math.round(HISTORY_RATES.medicalAverageYuan * (0.3 + random.next() * 1.4) * 100));
      const insurance = amount * BigInt(random.int(100, 250)) / 100n;
      medical.push([random.uuid(), random.pick(household.memberIds), household.id, household.regionCode, household.rural, random.dateBetween(yearStart, addDays(today, -1)), random.pick(DIAGNOSES), amount + insurance + BigInt(random.int(0, 50_000)), insurance, amount]);
    }
    if (random.chance(HISTORY_RATES.temporaryPerDibaoPerson * e.memberCount)) {
      const springFamine = random.chance(0.3);
      temporary.push([
        random.uuid(), household.id, null, household.regionCode, random.dateBetween(yearStart, addDays(today, -1)),
        springFamine ? 'SPRING_FAMINE' : random.pick(['SERIOUS_ILLNESS', 'ACCIDENT', 'LIVING_HARDSHIP']),
        springFamine ? 0n : BigInt(Math.round(HISTORY_RATES.temporaryAverageYuan * (0.4 + random.next() * 1.2) * 100)),
        springFamine ? '取暖器 1 台' : null,
        springFamine ? 15_000n : 0n,
      ]);
    }
    const cash = BigInt(random.int(HISTORY_RATES.festivalCashYuan[0], HISTORY_RATES.festivalCashYuan[1]) * 100);
    condolences.push([random.uuid(), household.id, null, household.regionCode, 'NEW_YEAR_SPRING_FESTIVAL', random.dateBetween(`${today.slice(0, 4)}-01-20`, `${today.slice(0, 4)}-02-10`), cash, random.chance(0.2) ? 5_000n : 0n, '大米 1 袋, 食用油 1 桶', 8_000n]);
  }

  // Care institutions: one 敬老院 per subdistrict with villages; centralised 特困 persons live there.
  const institutions = new Map<string, { id: string; residents: number }>();
  const residences: CopyValue[][] = [];
  const institutionRows: CopyValue[][] = [];
  for (const e of enrolments.filter((x) => x.programme === 'TEKUN_CENTRALISED' && x.personId)) {
    const sub = e.regionCode.slice(0, 9);
    let institution = institutions.get(sub);
    if (!institution) {
      institution = { id: random.uuid(), residents: 0 };
      institutions.set(sub, institution);
      const first17 = `5337${sub.slice(0, 6)}MJ${String(random.int(0, 99_999)).padStart(5, '0')}`;
      const name = population.regions.find((r) => r.code === sub)?.name ?? sub;
      institutionRows.push([institution.id, `${name}敬老院`, first17 + creditCodeCheckCharacter(first17), sub, HISTORY_RATES.institutionCapacity, '2009-12-28']);
    }
    institution.residents += 1;
    residences.push([random.uuid(), institution.id, e.personId, e.startDate, e.status === 'TERMINATED' ? e.endDate : null, true]);
  }

  // Special care recipients, plaques, Army Day visits; collapsed rural houses.
  const specialCare: CopyValue[][] = [];
  const plaques: CopyValue[][] = [];
  const rebuildings: CopyValue[][] = [];
  for (const household of population.households) {
    if (random.chance(HISTORY_RATES.specialCarePerHousehold)) {
      const category = random.weighted([['ACTIVE_SERVICE_FAMILY', 35], ['RETIRED_SOLDIER', 30], ['DEMOBILISED_VETERAN', 10], ['WAR_VETERAN', 10], ['DISABLED_SERVICEMAN', 10], ['MARTYR_FAMILY', 5]] as const);
      specialCare.push([random.uuid(), household.memberIds[0], household.id, household.regionCode, category, random.dateBetween('2008-01-01', addDays(today, -1))]);
      if (random.chance(HISTORY_RATES.plaqueShare)) plaques.push([random.uuid(), household.id, household.regionCode, random.dateBetween('2018-01-01', addDays(today, -1))]);
      condolences.push([random.uuid(), household.id, household.memberIds[0], household.regionCode, 'ARMY_DAY', `${today.slice(0, 4)}-08-01`, 20_000n, 0n, null, 0n]);
    }
    if (household.rural && random.chance(HISTORY_RATES.collapsePerRuralHousehold)) {
      const reported = random.dateBetween(yearStart, addDays(today, -1));
      const status = random.weighted([['REPORTED', 20], ['APPROVED', 20], ['UNDER_CONSTRUCTION', 35], ['COMPLETED', 25]] as const);
      const statusOn = status === 'REPORTED' ? reported : addDays(reported, Math.min(random.int(5, 90), Math.max(0, Math.floor((Date.parse(today) - Date.parse(reported)) / 86_400_000))));
      rebuildings.push([random.uuid(), household.id, household.regionCode, reported, random.int(1, 5), random.pick(CAUSES), status, status === 'REPORTED' ? 0n : BigInt(random.int(10, 30) * 1_000_00), statusOn, status === 'COMPLETED' ? statusOn : null]);
    }
  }

  await copies.send('civil_affairs.payroll_run', ['id', 'period', 'region_code', 'payments_created', 'amount_fen', 'run_at'], [...runs.values()].map((r) => [r.id, r.period, r.district, r.count, r.amount, `${r.period}-10T01:00:00Z`]));
  await copies.send('civil_affairs.payment', ['id', 'enrolment_id', 'programme', 'household_id', 'person_id', 'region_code', 'period', 'amount_fen', 'paid_on', 'payroll_run_id'], payments);
  await copies.send('civil_affairs.relief_officer', ['id', 'name', 'region_code'], officers);
  await copies.send('civil_affairs.officer_relative', ['id', 'officer_id', 'person_id', 'relation'], relatives);
  await copies.send(
    'civil_affairs.dibao_application',
    ['id', 'programme', 'household_id', 'applicant_id', 'member_ids', 'region_code', 'declared_monthly_income_fen', 'declared_assets_fen', 'per_capita_income_fen', 'category', 'stage', 'submitted_on', 'publicity_started_on', 'rejection_reason', 'enrolment_id', 'version'],
    applications,
  );
  await copies.send('civil_affairs.application_step', ['id', 'application_id', 'stage', 'officer_name', 'date', 'note'], steps);
  await copies.send('civil_affairs.medical_assistance', ['id', 'person_id', 'household_id', 'region_code', 'rural', 'claim_date', 'diagnosis', 'total_cost_fen', 'insurance_paid_fen', 'amount_fen'], medical);
  await copies.send('civil_affairs.temporary_assistance', ['id', 'household_id', 'person_id', 'region_code', 'granted_on', 'reason', 'cash_fen', 'in_kind', 'in_kind_value_fen'], temporary);
  await copies.send('civil_affairs.care_institution', ['id', 'name', 'credit_code', 'region_code', 'capacity', 'opened_on'], institutionRows.map((row) => {
    const residents = [...institutions.values()].find((i) => i.id === row[0])!.residents;
    return row.map((v, i) => (i === 4 ? Math.max(HISTORY_RATES.institutionCapacity, residents) : v));
  }));
  await copies.send('civil_affairs.care_residence', ['id', 'institution_id', 'person_id', 'admitted_on', 'left_on', 'centralised_support'], residences);
  await copies.send('civil_affairs.special_care_recipient', ['id', 'person_id', 'household_id', 'region_code', 'category', 'registered_on'], specialCare);
  await copies.send('civil_affairs.glory_plaque', ['id', 'household_id', 'region_code', 'issued_on'], plaques);
  await copies.send('civil_affairs.condolence', ['id', 'household_id', 'person_id', 'region_code', 'occasion', 'visited_on', 'cash_fen', 'vouchers_fen', 'in_kind', 'in_kind_value_fen'], condolences);
  await copies.send('civil_affairs.house_rebuilding', ['id', 'household_id', 'region_code', 'reported_on', 'collapsed_rooms', 'cause', 'status', 'subsidy_fen', 'status_on', 'completed_on'], rebuildings);
  return {
    payments: payments.length,
    payrollRuns: runs.size,
    reliefOfficers: officers.length,
    dibaoApplications: applications.length,
    medicalAssistance: medical.length,
    temporaryAssistance: temporary.length,
    careInstitutions: institutionRows.length,
    specialCareRecipients: specialCare.length,
    condolences: condolences.length,
    houseRebuildings: rebuildings.length,
  };
}
