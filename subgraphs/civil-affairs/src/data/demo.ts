import type { ClientBase } from 'pg';
import { copyRows, withCopyPipeline, type CopyPipeline, type CopyValue } from '@hub/database';
import { Random, addDays, deriveSeed, lookup, type DemoPerson, type DemoPopulation } from '@hub/demo-population';
import { disabilityCertificateNumber } from '../domain/records';
import { monthlyAmount, SEED_STANDARDS, standardInForce, type Programme } from '../domain/standards';
import { dibaoSubsidy } from '../domain/subsidy';
import { loadReliefHistory } from './demo-records';

/** Shares of the demo population, after the seed's reports (see domain.md). */
export const DEMO_RATES = {
  /** Households on dibao today: about 3 %. */
  dibao: 0.03,
  /** Households whose dibao ended earlier (income rose, moved away). */
  formerDibao: 0.008,
  /** Persons holding a disability certificate. */
  disability: 0.02,
  /** Poor disabled persons outside dibao families who still receive the severe-disability subsidy. */
  disabilitySubsidyOutsideDibao: 0.15,
  /** Rural persons of 60+ living alone supported as 特困 (五保): 291 persons among 1,980 rural dibao households. */
  tekunAmongRuralElderlyAlone: 0.12,
  /** Share of 特困 persons supported in a care institution (集中供养). */
  tekunCentralised: 0.3,
  /** Persons of 60+ who died in the past year. */
  deathAmongElderly: 0.012,
  /** Cremation rate (火化率) 81.2 %. */
  cremation: 0.812,
} as const;

const DISABILITY_CATEGORIES = [['PHYSICAL', 46], ['VISUAL', 13], ['HEARING', 15], ['SPEECH', 2], ['INTELLECTUAL', 8], ['MENTAL', 9], ['MULTIPLE', 7]] as const;

interface EnrolmentRowData {
  id: string;
  programme: Programme;
  householdId: string | null;
  personId: string | null;
  regionCode: string;
  category: 'A' | 'B' | 'C' | null;
  memberCount: number;
  monthlyAmountFen: bigint;
  startDate: string;
  endDate: string | null;
  status: 'IN_PAYMENT' | 'SUSPENDED' | 'TERMINATED';
  terminationReason: string | null;
  perCapitaIncomeFen: bigint | null;
}

/** Publishes the seed's standards (rural 30 → 40 元/人·月, ...); ids derive from the random stream. */
export async function loadStandards(client: ClientBase, random: Random): Promise<number> {
  await copyRows(
    client,
    'civil_affairs.assistance_standard',
    ['id', 'programme', 'region_code', 'effective_from', 'amount_fen', 'period', 'grade'],
    SEED_STANDARDS.map((s) => [random.uuid(), s.programme, s.regionCode, s.effectiveFrom, s.amountFen, s.period, s.grade]),
  );
  return SEED_STANDARDS.length;
}

/** Bulk-loads civil-affairs' share of the demo population: enrolments, disability records, deaths. */
export async function loadDemoData(client: ClientBase, population: DemoPopulation): Promise<Record<string, number>> {
  // The tables are empty (the hub loads only empty schemas): their indexes are built once the rows are in.
  return withCopyPipeline(client, (copies) => buildAndSend(client, copies, population), { deferIndexes: true });
}

async function buildAndSend(client: ClientBase, copies: CopyPipeline, population: DemoPopulation): Promise<Record<string, number>> {
  const random = new Random(deriveSeed(population.seed, 'civil-affairs'));
  const standards = await loadStandards(client, random);
  const today = population.today;
  const { personById, ageToday } = lookup(population);
  const enrolments: EnrolmentRowData[] = [];
  const disabilities: CopyValue[][] = [];
  const deaths = new Map<string, { id: string; regionCode: string; date: string; funeral: 'CREMATED' | 'BURIED' }>();
  const amountFor = (programme: Programme, regionCode: string, grade: number | null = null): bigint => {
    const standard = standardInForce(SEED_STANDARDS, programme, regionCode, today, grade);
    return standard ? monthlyAmount(standard) : 0n;
  };

  for (const household of population.households) {
    const members = household.memberIds.map((id) => personById.get(id)!);
    const head = members[0]!;
    // Deaths first: a dead person's enrolments end on the day of death (domain rule of death records).
    for (const person of members) {
      if (ageToday.get(person.id)! >= 60 && random.chance(DEMO_RATES.deathAmongElderly)) {
        deaths.set(person.id, {
          id: random.uuid(),
          regionCode: household.regionCode,
          date: random.dateBetween(addDays(today, -365), addDays(today, -1)),
          funeral: random.chance(DEMO_RATES.cremation) ? 'CREMATED' : 'BURIED',
        });
      }
    }
    const living = members.filter((p) => !deaths.has(p.id));
    const programme: Programme = household.rural ? 'RURAL_DIBAO' : 'URBAN_DIBAO';
    const roll = random.next();
    let poor = false;
    if (roll < DEMO_RATES.dibao + DEMO_RATES.formerDibao && living.length > 0) {
      const current = roll < DEMO_RATES.dibao;
      poor = current;
      const standard = amountFor(programme, household.regionCode);
      const category = random.weighted([['A', 20], ['B', 35], ['C', 45]] as const);
      // Per-capita income by category: none for A, below 40 % of the standard for B, 40–90 % for C.
      const share = category === 'A' ? 0 : category === 'B' ? random.next() * 0.4 : 0.4 + random.next() * 0.5;
      const income = (standard * BigInt(Math.round(share * 1000))) / 1000n;
      const start = random.dateBetween('2012-01-01', addDays(today, -31));
      const end = current ? null : random.dateBetween(start, addDays(today, -1));
      enrolments.push({
        id: random.uuid(),
        programme,
        householdId: household.id,
        personId: living[0]!.id,
        regionCode: household.regionCode,
        category,
        memberCount: living.length,
        monthlyAmountFen: dibaoSubsidy(standard, income, living.length),
        startDate: start,
        endDate: end,
        status: current ? 'IN_PAYMENT' : 'TERMINATED',
        terminationReason: current ? null : random.weighted([['INCOME_ABOVE_STANDARD', 70], ['MOVED_AWAY', 20], ['REVIEW_FAILED', 10]] as const),
        perCapitaIncomeFen: income,
      });
    }
    // 特困 (五保): rural elderly living alone.
    if (household.rural && members.length === 1 && ageToday.get(head.id)! >= 60 && random.chance(DEMO_RATES.tekunAmongRuralElderlyAlone)) {
      const tekun: Programme = random.chance(DEMO_RATES.tekunCentralised) ? 'TEKUN_CENTRALISED' : 'TEKUN_DISPERSED';
      personEnrolment(tekun, head, household.regionCode, amountFor(tekun, household.regionCode), null);
    }
    for (const person of members) {
      if (!random.chance(DEMO_RATES.disability)) continue;
      const category = random.weighted(DISABILITY_CATEGORIES);
      const grade = random.weighted([[1, 12], [2, 20], [3, 30], [4, 38]] as const);
      const issued = random.dateBetween(person.birthDate > '2008-01-01' ? person.birthDate : '2008-01-01', addDays(today, -1));
      disabilities.push([random.uuid(), person.id, household.regionCode, category, grade, disabilityCertificateNumber(person.idNumber, category, grade), issued]);
      const subsidised = poor || random.chance(DEMO_RATES.disabilitySubsidyOutsideDibao);
      if (subsidised && grade <= 3) {
        personEnrolment('SEVERE_DISABILITY_SUBSIDY', person, household.regionCode, amountFor('SEVERE_DISABILITY_SUBSIDY', household.regionCode, grade), issued);
      }
      if (subsidised && category === 'MENTAL') {
        personEnrolment('MENTAL_DISABILITY_MEDICATION', person, household.regionCode, amountFor('MENTAL_DISABILITY_MEDICATION', household.regionCode), issued);
      }
    }
  }

  function personEnrolment(programme: Programme, person: DemoPerson, regionCode: string, amount: bigint, notBefore: string | null): void {
    const from = notBefore && notBefore > '2012-01-01' ? notBefore : '2012-01-01';
    enrolments.push({
      id: random.uuid(),
      programme,
      householdId: person.householdId,
      personId: person.id,
      regionCode,
      category: null,
      memberCount: 1,
      monthlyAmountFen: amount,
      startDate: random.dateBetween(from, addDays(today, -1)),
      endDate: null,
      status: 'IN_PAYMENT',
      terminationReason: null,
      perCapitaIncomeFen: null,
    });
  }

  // A recorded death ends the person's open enrolments on the day of death, reason DECEASED.
  for (const e of enrolments) {
    const death = e.personId ? deaths.get(e.personId) : undefined;
    if (!death || e.status === 'TERMINATED' || e.memberCount > 1) continue;
    e.status = 'TERMINATED';
    e.terminationReason = 'DECEASED';
    if (death.date < e.startDate) e.startDate = death.date;
    e.endDate = death.date;
  }

  await copies.send(
    'civil_affairs.enrolment',
    ['id', 'programme', 'household_id', 'person_id', 'region_code', 'category', 'member_count', 'monthly_amount_fen', 'start_date', 'end_date', 'status', 'termination_reason', 'per_capita_income_fen'],
    enrolments.map((e) => [e.id, e.programme, e.householdId, e.personId, e.regionCode, e.category, e.memberCount, e.monthlyAmountFen, e.startDate, e.endDate, e.status, e.terminationReason, e.perCapitaIncomeFen]),
  );
  await copies.send('civil_affairs.disability_record', ['id', 'person_id', 'region_code', 'category', 'grade', 'certificate_number', 'issued_date'], disabilities);
  await copies.send(
    'civil_affairs.death_record',
    ['id', 'person_id', 'region_code', 'date_of_death', 'funeral_type', 'funeral_date'],
    [...deaths].map(([personId, d]) => [d.id, personId, d.regionCode, d.date, d.funeral, addDays(d.date, 3)]),
  );
  const history = await loadReliefHistory(copies, random, population, enrolments, deaths);
  return {
    standards,
    enrolments: enrolments.length,
    dibaoHouseholds: enrolments.filter((e) => (e.programme === 'URBAN_DIBAO' || e.programme === 'RURAL_DIBAO') && e.status === 'IN_PAYMENT').length,
    disabilityRecords: disabilities.length,
    deathRecords: deaths.size,
    ...history,
  };
}
