import type { ClientBase } from 'pg';
import { withCopyPipeline, type CopyPipeline } from '@hub/database';
import { addDays, deriveSeed, lookup, Random, type DemoPerson, type DemoPopulation } from '@hub/demo-population';
import { birthdayAt } from '../domain/dates';
import { loadProgrammes } from './demoProgrammes';
import { retirementAge, zeroEmploymentEpisodes, type EmploymentStatus, type StatusPeriod } from '../domain/labourForce';

/**
 * Current status of a working-age adult not in school. Weights follow the fifth seed report (社会事务 half-year
 * report): most adults work, a few per cent are registered unemployed (its 1,400 re-employment target against a
 * few thousand new jobs), a small share works flexibly (168 flexible-employment subsidies), some cannot work.
 */
const WORKING_AGE_WEIGHTS: readonly (readonly [EmploymentStatus, number])[] = [
  ['EMPLOYED', 74],
  ['FLEXIBLY_EMPLOYED', 12],
  ['REGISTERED_UNEMPLOYED', 4],
  ['UNEMPLOYED', 1.5],
  ['UNABLE_TO_WORK', 2],
  ['NOT_IN_LABOUR_FORCE', 6.5],
];
const URBAN_ELDER_WEIGHTS: readonly (readonly [EmploymentStatus, number])[] = [['RETIRED', 85], ['EMPLOYED', 4], ['UNABLE_TO_WORK', 5], ['NOT_IN_LABOUR_FORCE', 6]];
const RURAL_ELDER_WEIGHTS: readonly (readonly [EmploymentStatus, number])[] = [['RETIRED', 35], ['FLEXIBLY_EMPLOYED', 20], ['UNABLE_TO_WORK', 5], ['NOT_IN_LABOUR_FORCE', 40]];

import type { PersonPlan } from './demoProgrammes';

/** A person's status history: a current period and, for many adults, the one before it. */
function planPeriods(person: DemoPerson, age: number, rural: boolean, today: string, random: Random): StatusPeriod[] {
  const at16 = birthdayAt(person.birthDate, 16);
  const atRetirement = birthdayAt(person.birthDate, retirementAge(person.gender));
  if (age < 6) return [{ status: 'NOT_IN_LABOUR_FORCE', since: person.birthDate, until: null }];
  if (age < 16 || (age < 23 && random.chance(age < 19 ? 0.85 : 0.45))) {
    return [{ status: 'STUDENT', since: birthdayAt(person.birthDate, 6), until: null }];
  }
  if (age >= retirementAge(person.gender)) {
    const status = random.weighted(rural ? RURAL_ELDER_WEIGHTS : URBAN_ELDER_WEIGHTS);
    const since = status === 'RETIRED' ? atRetirement : random.dateBetween(atRetirement, today);
    return [{ status: 'EMPLOYED', since: at16 > '1980-01-01' ? at16 : '1980-01-01', until: addDays(since, -1) }, { status, since, until: null }];
  }
  const status = random.weighted(WORKING_AGE_WEIGHTS);
  const earliest = at16 > '2000-01-01' ? at16 : '2000-01-01';
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const halfYear = laterOf(yearStart, earliest) <= earlierOf(`${today.slice(0, 4)}-06-30`, today) ? earlierOf(`${today.slice(0, 4)}-06-30`, today) : null;
  // New urban employment this half-year (the seed: 2,887 of a subdistrict's ~40,000 residents), a third of it
  // re-employment of the registered unemployed (905).
  if ((status === 'EMPLOYED' || status === 'FLEXIBLY_EMPLOYED') && halfYear && random.chance(0.12)) {
    const since = random.dateBetween(laterOf(yearStart, earliest), halfYear);
    const roll = random.next();
    if (roll < 0.31 && since > addDays(earliest, 90)) {
      return [{ status: 'REGISTERED_UNEMPLOYED', since: random.dateBetween(laterOf(earliest, addDays(since, -700)), addDays(since, -60)), until: addDays(since, -1) }, { status, since, until: null }];
    }
    if (roll < 0.8 && since > addDays(earliest, 400)) return [{ status: 'EMPLOYED', since: random.dateBetween(earliest, addDays(since, -365)), until: addDays(since, -1) }, { status, since, until: null }];
    return [{ status, since, until: null }];
  }
  // Unemployment is recent (most spells under three years); work may have begun any time since 2000.
  const recent = addDays(today, -3 * 365);
  const from = status === 'REGISTERED_UNEMPLOYED' || status === 'UNEMPLOYED' ? (recent > earliest ? recent : earliest) : earliest;
  const since = random.dateBetween(from, addDays(today, -1));
  const current: StatusPeriod = { status, since, until: null };
  if (since <= addDays(earliest, 180) || status === 'UNABLE_TO_WORK' || status === 'NOT_IN_LABOUR_FORCE' || !random.chance(0.6)) return [current];
  // The period before: the unemployed were working; a share of those now working were registered unemployed first (再就业).
  const previous: EmploymentStatus = status === 'EMPLOYED' || status === 'FLEXIBLY_EMPLOYED' ? (random.chance(0.3) ? 'REGISTERED_UNEMPLOYED' : 'EMPLOYED') : 'EMPLOYED';
  const previousSince = random.dateBetween(previous === 'REGISTERED_UNEMPLOYED' ? laterOf(earliest, addDays(since, -700)) : earliest, addDays(since, -30));
  return [{ status: previous, since: previousSince, until: addDays(since, -1) }, current];
}

const laterOf = (a: string, b: string): string => (a > b ? a : b);
const earlierOf = (a: string, b: string): string => (a < b ? a : b);

/** Deterministic UUIDs from a counter: fast for 300,000 rows and stable per seed. */
function idFactory(random: Random): () => string {
  const prefix = random.uuid().slice(0, 23);
  let next = 0;
  return () => `${prefix}-${(next++).toString(16).padStart(12, '0')}`;
}

/**
 * Bulk-loads employment's share of the demo population: a labour-force record and status history per person, and
 * the zero-employment episodes those histories imply (computed by the same rule the mutations use).
 */
export async function loadDemoData(client: ClientBase, population: DemoPopulation): Promise<Record<string, number>> {
  // The tables are empty (the hub loads only empty schemas): their indexes are built once the rows are in.
  return withCopyPipeline(client, (copies) => buildAndSend(copies, population), { deferIndexes: true });
}

async function buildAndSend(copies: CopyPipeline, population: DemoPopulation): Promise<Record<string, number>> {
  const random = new Random(deriveSeed(population.seed, 'employment'));
  const nextId = idFactory(random);
  const today = population.today;
  const { personById, ageToday } = lookup(population);
  const oldestKept = addDays(today, -3 * 365);
  // The members' rows need nothing random: they go first, and PostgreSQL files them (and runs the statistics
  // triggers on them) while the histories are planned.
  await copies.send(
    'employment.labour_force_member',
    ['person_id', 'household_id', 'region_code', 'birth_date', 'gender'],
    (function* () {
      for (const household of population.households) {
        for (const id of household.memberIds) {
          const person = personById.get(id)!;
          yield [person.id, person.householdId, household.regionCode, person.birthDate, person.gender];
        }
      }
    })(),
  );
  const members: PersonPlan[] = [];
  const episodes: { id: string; householdId: string; regionCode: string; arose: string; resolved: string | null }[] = [];
  for (const household of population.households) {
    const plans = household.memberIds.map((id) => {
      const person = personById.get(id)!;
      return { person, regionCode: household.regionCode, periods: planPeriods(person, ageToday.get(id)!, household.rural, today, random) };
    });
    for (const plan of plans) members.push(plan);
    // Without a spell of unemployment no day can make the family a zero-employment one: skip the day-by-day rule.
    if (!plans.some((p) => p.periods.some((period) => period.status === 'REGISTERED_UNEMPLOYED' || period.status === 'UNEMPLOYED'))) continue;
    const found = zeroEmploymentEpisodes(
      plans.map((p) => ({ birthDate: p.person.birthDate, gender: p.person.gender, periods: p.periods })),
      today,
    );
    // Keep the last three years of episodes: older ones predate the labour office's records.
    for (const e of found) {
      if (e.resolved !== null && e.resolved < oldestKept) continue;
      episodes.push({ id: nextId(), householdId: household.id, regionCode: household.regionCode, arose: e.arose, resolved: e.resolved });
    }
  }
  let periods = 0;
  await copies.send(
    'employment.employment_status_period',
    ['id', 'person_id', 'status', 'start_date', 'end_date'],
    (function* () {
      for (const { person, periods: list } of members) {
        for (const p of list) {
          periods += 1;
          yield [nextId(), person.id, p.status, p.since, p.until];
        }
      }
    })(),
  );
  await copies.send(
    'employment.zero_employment_episode',
    ['id', 'household_id', 'region_code', 'arose_on', 'resolved_on'],
    episodes.map((e) => [e.id, e.householdId, e.regionCode, e.arose, e.resolved]),
  );
  const programmes = await loadProgrammes(copies, population, members, random, nextId);
  return {
    ...programmes,
    labourForceMembers: members.length,
    statusPeriods: periods,
    zeroEmploymentEpisodes: episodes.length,
    zeroEmploymentFamilies: episodes.filter((e) => e.resolved === null).length,
  };
}
