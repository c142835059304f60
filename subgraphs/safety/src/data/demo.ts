import type { ClientBase } from 'pg';
import { withCopyPipeline, type CopyValue } from '@hub/database';
import { deriveSeed, lookup, Random, type DemoPerson, type DemoPopulation } from '@hub/demo-population';
import { ageOn } from '../domain/dates';
import { COLUMNS, generateProgrammes, type ProgrammeTables } from './demoProgramme';

/** The injury surveillance network was set up in the launch phase of the seed's plan (2015). */
export const FIRST_SURVEILLANCE_YEAR = 2015;

/**
 * Injuries reported per resident and year: about 1 %, i.e. a few hundred a year for a town of
 * 30,000 (the seventh seed report's 镇), falling by 4 % a year as the intervention projects take hold.
 */
export function annualInjuryRate(year: number): number {
  return 0.012 * 0.96 ** Math.max(0, year - FIRST_SURVEILLANCE_YEAR);
}

type Weighted<T> = readonly (readonly [T, number])[];

/** Cause mix by age group, after typical township surveillance: falls dominate among children and the elderly. */
function causes(age: number): Weighted<string> {
  if (age < 15) return [['FALL', 40], ['ANIMAL', 14], ['BLUNT_FORCE', 12], ['BURN', 8], ['TRAFFIC', 10], ['CUT_PIERCE', 8], ['DROWNING', 2], ['POISONING', 2], ['SUFFOCATION', 1], ['OTHER', 3]];
  if (age >= 65) return [['FALL', 55], ['TRAFFIC', 14], ['BLUNT_FORCE', 8], ['CUT_PIERCE', 6], ['BURN', 4], ['ANIMAL', 5], ['POISONING', 3], ['SUFFOCATION', 2], ['OTHER', 3]];
  return [['TRAFFIC', 26], ['FALL', 24], ['CUT_PIERCE', 16], ['BLUNT_FORCE', 14], ['ANIMAL', 8], ['BURN', 4], ['POISONING', 3], ['DROWNING', 1], ['OTHER', 4]];
}

function place(cause: string, age: number, random: Random): string {
  switch (cause) {
    case 'TRAFFIC':
      return 'ROAD';
    case 'DROWNING':
      return random.weighted([['OTHER', 6], ['FARM', 3], ['HOME', 1]]);
    case 'FALL':
      return age >= 65 ? random.weighted([['HOME', 60], ['PUBLIC_RESIDENTIAL', 20], ['ROAD', 12], ['FARM', 8]]) : random.weighted([['HOME', 35], ['SCHOOL_PUBLIC', 20], ['SPORTS_VENUE', 10], ['INDUSTRIAL_CONSTRUCTION', 15], ['ROAD', 12], ['FARM', 8]]);
    case 'CUT_PIERCE':
    case 'BLUNT_FORCE':
      return age >= 18 && age < 60 ? random.weighted([['INDUSTRIAL_CONSTRUCTION', 35], ['HOME', 30], ['FARM', 15], ['SCHOOL_PUBLIC', 10], ['OTHER', 10]]) : random.weighted([['HOME', 55], ['SCHOOL_PUBLIC', 25], ['PUBLIC_RESIDENTIAL', 10], ['OTHER', 10]]);
    case 'ANIMAL':
      return random.weighted([['HOME', 40], ['PUBLIC_RESIDENTIAL', 30], ['ROAD', 15], ['FARM', 15]]);
    default:
      return random.weighted([['HOME', 60], ['PUBLIC_RESIDENTIAL', 10], ['INDUSTRIAL_CONSTRUCTION', 15], ['OTHER', 15]]);
  }
}

function activity(cause: string, placeName: string, age: number, random: Random): string {
  if (cause === 'TRAFFIC') return random.weighted([['TRAVEL', 70], ['WALKING', 30]]);
  if (placeName === 'INDUSTRIAL_CONSTRUCTION' || placeName === 'FARM') return age >= 16 ? 'WORK' : 'LEISURE';
  if (placeName === 'SCHOOL_PUBLIC' && age < 19) return random.weighted([['STUDY', 50], ['SPORTS', 30], ['LEISURE', 20]]);
  if (placeName === 'SPORTS_VENUE') return 'SPORTS';
  if (placeName === 'HOME') return random.weighted([['HOUSEWORK', 35], ['VITAL_ACTIVITY', 30], ['LEISURE', 30], ['UNKNOWN', 5]]);
  return random.weighted([['WALKING', 40], ['LEISURE', 40], ['OTHER', 15], ['UNKNOWN', 5]]);
}

function nature(cause: string, random: Random): string {
  switch (cause) {
    case 'BURN':
      return 'BURN';
    case 'CUT_PIERCE':
    case 'ANIMAL':
      return 'OPEN_WOUND';
    case 'POISONING':
    case 'DROWNING':
    case 'SUFFOCATION':
      return random.weighted([['ORGAN_INJURY', 80], ['OTHER', 20]]);
    case 'TRAFFIC':
      return random.weighted([['CONTUSION_ABRASION', 35], ['FRACTURE', 30], ['CONCUSSION', 15], ['OPEN_WOUND', 10], ['ORGAN_INJURY', 10]]);
    case 'FALL':
      return random.weighted([['CONTUSION_ABRASION', 35], ['FRACTURE', 30], ['SPRAIN_STRAIN', 25], ['CONCUSSION', 10]]);
    default:
      return random.weighted([['CONTUSION_ABRASION', 50], ['OPEN_WOUND', 20], ['FRACTURE', 15], ['OTHER', 10], ['UNKNOWN', 5]]);
  }
}

function bodyPart(natureName: string, random: Random): string {
  if (natureName === 'CONCUSSION') return 'HEAD';
  if (natureName === 'ORGAN_INJURY') return random.weighted([['TRUNK', 50], ['WHOLE_BODY', 40], ['HEAD', 10]]);
  return random.weighted([['UPPER_LIMB', 32], ['LOWER_LIMB', 32], ['HEAD', 16], ['TRUNK', 10], ['MULTIPLE', 8], ['UNKNOWN', 2]]);
}

function severity(cause: string, natureName: string, random: Random): string {
  if (['DROWNING', 'SUFFOCATION', 'POISONING'].includes(cause) || natureName === 'ORGAN_INJURY') return random.weighted([['MODERATE', 40], ['SEVERE', 60]]);
  if (natureName === 'FRACTURE' || natureName === 'CONCUSSION') return random.weighted([['MODERATE', 65], ['SEVERE', 35]]);
  return random.weighted([['MILD', 82], ['MODERATE', 16], ['SEVERE', 2]]);
}

function disposition(severityName: string, random: Random): string {
  if (severityName === 'MILD') return random.weighted([['TREATED_AND_RELEASED', 96], ['OTHER', 4]]);
  if (severityName === 'MODERATE') return random.weighted([['TREATED_AND_RELEASED', 55], ['HOSPITALIZED', 40], ['TRANSFERRED', 5]]);
  return random.weighted([['HOSPITALIZED', 60], ['TRANSFERRED', 28], ['DIED', 12]]);
}

function intent(cause: string, age: number, random: Random): string {
  if (cause === 'POISONING' || cause === 'SUFFOCATION') return age >= 15 ? random.weighted([['UNINTENTIONAL', 65], ['SELF_HARM', 30], ['UNKNOWN', 5]]) : 'UNINTENTIONAL';
  if (cause === 'BLUNT_FORCE' || cause === 'CUT_PIERCE') return age >= 15 ? random.weighted([['UNINTENTIONAL', 78], ['ASSAULT', 20], ['UNKNOWN', 2]]) : random.weighted([['UNINTENTIONAL', 92], ['ASSAULT', 8]]);
  return random.weighted([['UNINTENTIONAL', 98], ['UNKNOWN', 2]]);
}

const SUMMARY: Record<string, string> = {
  TRAFFIC: '驾乘电动车与机动车相撞',
  FALL: '行走时滑倒',
  BLUNT_FORCE: '被重物砸伤',
  CUT_PIERCE: '使用刀具时划伤',
  BURN: '被开水烫伤',
  DROWNING: '在河塘游泳时溺水',
  POISONING: '误服农药',
  SUFFOCATION: '进食时异物卡喉',
  ANIMAL: '被犬只咬伤',
  OTHER: '其他原因受伤',
};

export interface DemoInjury {
  id: string;
  regionCode: string;
  personId: string | null;
  householdId: string | null;
  injuryDate: string;
  age: number;
  sex: 'MALE' | 'FEMALE';
  intent: string;
  cause: string;
  place: string;
  activity: string;
  nature: string;
  bodyPart: string;
  severity: string;
  disposition: string;
  reportingUnitType: string;
  reportingUnitName: string;
  summary: string;
}

/**
 * The injury records of the demo population, from the launch of surveillance to the population's today.
 * About one in ten cases is a visitor not registered in the hub (no person link).
 */
export function generateInjuries(population: DemoPopulation, random: Random): DemoInjury[] {
  const regionName = new Map(population.regions.map((r) => [r.code, r.name]));
  const communities = population.regions.filter((r) => r.level === 'COMMUNITY');
  const { householdById } = lookup(population);
  const injuries: DemoInjury[] = [];
  const lastYear = Number(population.today.slice(0, 4));
  for (let year = FIRST_SURVEILLANCE_YEAR; year <= lastYear; year += 1) {
    const until = year === lastYear ? population.today : `${year}-12-31`;
    const yearShare = (Date.parse(until) - Date.parse(`${year}-01-01`) + 86_400_000) / (Date.parse(`${year + 1}-01-01`) - Date.parse(`${year}-01-01`));
    const count = Math.round(population.persons.length * annualInjuryRate(year) * yearShare);
    for (let i = 0; i < count; i += 1) {
      const injuryDate = random.dateBetween(`${year}-01-01`, until);
      let person: DemoPerson | null = null;
      if (population.persons.length > 0 && !random.chance(0.1)) {
        // Retry a few times for someone born by then; otherwise the case is a visitor's.
        for (let attempt = 0; attempt < 5 && !person; attempt += 1) {
          const candidate = random.pick(population.persons);
          if (candidate.birthDate <= injuryDate) person = candidate;
        }
      }
      const age = person ? ageOn(person.birthDate, injuryDate) : random.int(3, 80);
      const sex = person ? person.gender : random.chance(0.55) ? 'MALE' : 'FEMALE';
      const regionCode = person ? householdById.get(person.householdId)!.regionCode : random.pick(communities).code;
      const cause = random.weighted(causes(age));
      const placeName = place(cause, age, random);
      const natureName = nature(cause, random);
      const severityName = severity(cause, natureName, random);
      const unit = reportingUnit(cause, placeName, age, regionCode, regionName, random);
      injuries.push({
        id: random.uuid(),
        regionCode,
        personId: person?.id ?? null,
        householdId: person?.householdId ?? null,
        injuryDate,
        age,
        sex,
        intent: intent(cause, age, random),
        cause,
        place: placeName,
        activity: activity(cause, placeName, age, random),
        nature: natureName,
        bodyPart: bodyPart(natureName, random),
        severity: severityName,
        disposition: disposition(severityName, random),
        reportingUnitType: unit.type,
        reportingUnitName: unit.name,
        summary: SUMMARY[cause]!,
      });
    }
  }
  return injuries;
}

/** The seed's data units: 卫生院, 交警中队, 派出所, 民政办, 明德学校, 各村. */
function reportingUnit(cause: string, placeName: string, age: number, regionCode: string, names: Map<string, string>, random: Random): { type: string; name: string } {
  const town = names.get(regionCode.slice(0, 9)) ?? '';
  if (cause === 'TRAFFIC' && random.chance(0.4)) return { type: 'TRAFFIC_POLICE', name: `${town}交警中队` };
  if (placeName === 'SCHOOL_PUBLIC' && age < 19 && random.chance(0.5)) return { type: 'SCHOOL', name: `${town}明德学校` };
  return random.weighted([
    [{ type: 'HOSPITAL', name: `${town}卫生院` }, 70],
    [{ type: 'CLINIC', name: `${names.get(regionCode) ?? ''}卫生室` }, 20],
    [{ type: 'VILLAGE', name: `${names.get(regionCode) ?? ''}委员会` }, 5],
    [{ type: 'POLICE_STATION', name: `${town}派出所` }, 5],
  ]);
}

/** Bulk-loads the safety subgraph's demo rows, deterministic per population seed. */
export async function loadDemoData(client: ClientBase, population: DemoPopulation): Promise<Record<string, number>> {
  // The tables are empty (the hub loads only empty schemas): their indexes are built once the rows are in.
  return withCopyPipeline(client, async (copies) => {
    const random = new Random(deriveSeed(population.seed, 'safety'));
    const injuries = generateInjuries(population, random);
    await copies.send(
      'safety.injury_record',
      ['id', 'region_code', 'person_id', 'household_id', 'injury_date', 'age', 'sex', 'intent', 'cause', 'place', 'activity', 'nature', 'body_part', 'severity', 'disposition', 'reporting_unit_type', 'reporting_unit_name', 'summary'],
      injuries.map((r): CopyValue[] => [r.id, r.regionCode, r.personId, r.householdId, r.injuryDate, r.age, r.sex, r.intent, r.cause, r.place, r.activity, r.nature, r.bodyPart, r.severity, r.disposition, r.reportingUnitType, r.reportingUnitName, r.summary]),
    );
    // Built while PostgreSQL files the injury records.
    const tables = generateProgrammes(population, injuries, random);
    const counts: Record<string, number> = { injuryRecords: injuries.length };
    // Parents before children: the foreign keys inside the safety schema are checked row by row.
    for (const table of Object.keys(COLUMNS) as (keyof ProgrammeTables)[]) {
      await copies.send(`safety.${table}`, COLUMNS[table], tables[table].map((row) => row.map((value) => (Array.isArray(value) ? arrayLiteral(value) : value))));
      counts[table] = tables[table].length;
    }
    return counts;
  }, { deferIndexes: true });
}

/** A PostgreSQL array literal of texts: {"a","b"}. */
function arrayLiteral(items: string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
