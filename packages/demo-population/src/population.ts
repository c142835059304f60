import { composeIdNumber } from '@hub/identifiers';
import { COMMUNITY_NAMES, DISTRICTS, ETHNICITIES, ORIGIN_CODES, STREETS, SURNAMES, VILLAGE_NAMES } from './places';
import { Random } from './random';

export type Gender = 'MALE' | 'FEMALE';
export type Relation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';
export type RegistrationType = 'LOCAL_HUKOU' | 'FLOATING' | 'SEPARATED';

export interface DemoRegion {
  code: string;
  name: string;
  level: 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY';
  parentCode: string | null;
  rural: boolean;
}

export interface DemoGrid {
  id: string;
  regionCode: string;
  name: string;
  workerName: string;
  workerPhone: string;
}

export interface DemoHousehold {
  id: string;
  householdNumber: string;
  regionCode: string;
  gridId: string;
  address: string;
  registrationType: RegistrationType;
  rural: boolean;
  /** Person ids, head first. */
  memberIds: string[];
}

export interface DemoPerson {
  id: string;
  householdId: string;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string;
  partyMember: boolean;
  relation: Relation;
  /** YYYY-MM-DD: first day of membership of the household. */
  memberSince: string;
}

export interface DemoPopulation {
  seed: number;
  /** The day the data describes; ages and dates are relative to it. */
  today: string;
  regions: DemoRegion[];
  grids: DemoGrid[];
  households: DemoHousehold[];
  persons: DemoPerson[];
}

export interface PopulationOptions {
  households: number;
  seed?: number;
  today?: string;
}

/** Households per community in the demo (a real urban community has one to three thousand). */
export const HOUSEHOLDS_PER_COMMUNITY = 800;
const HOUSEHOLDS_PER_GRID = 300;
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// Household sizes with a mean of about three persons (the seed's 127,920 persons in 46,932 dibao
// households average 2.7; all households somewhat more).
const SIZES: readonly (readonly [number, number])[] = [[1, 12], [2, 26], [3, 30], [4, 17], [5, 10], [6, 5]];

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

function phone(random: Random): string {
  return `${random.pick(['135', '136', '138', '139', '150', '152', '158', '186', '187', '188'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** Builds the region tree with enough communities for the households asked for (at least three). */
function buildRegions(households: number, random: Random): DemoRegion[] {
  const communities = Math.max(3, Math.ceil(households / HOUSEHOLDS_PER_COMMUNITY));
  const subdistrictSlots = DISTRICTS.flatMap((d) => d.subdistricts.map((name, i) => ({ district: d, name, index: i + 1 })));
  // Spread communities over as few districts as reasonable: about 12 per subdistrict, at least two subdistricts.
  const subdistrictCount = Math.min(subdistrictSlots.length, Math.max(2, Math.ceil(communities / 12)));
  const regions: DemoRegion[] = [];
  const seenDistricts = new Set<string>();
  for (let s = 0; s < subdistrictCount; s += 1) {
    const slot = subdistrictSlots[s]!;
    if (!seenDistricts.has(slot.district.code)) {
      seenDistricts.add(slot.district.code);
      regions.push({ code: slot.district.code, name: slot.district.name, level: 'DISTRICT', parentCode: null, rural: false });
    }
    const subCode = `${slot.district.code}${String(slot.index).padStart(3, '0')}`;
    regions.push({ code: subCode, name: slot.name, level: 'SUBDISTRICT', parentCode: slot.district.code, rural: false });
    const here = Math.floor(communities / subdistrictCount) + (s < communities % subdistrictCount ? 1 : 0);
    let urban = 0;
    let villages = 0;
    for (let c = 0; c < here; c += 1) {
      // Towns (镇) and outer subdistricts hold villages (村委会, codes 2xx); the rest urban communities (居委会, 0xx).
      const rural = slot.name.endsWith('镇') || (slot.district.code !== '370703' && random.chance(0.3));
      const code = rural ? `${subCode}${200 + ++villages}` : `${subCode}${String(++urban).padStart(3, '0')}`;
      const name = rural ? `${random.pick(VILLAGE_NAMES)}村` : `${COMMUNITY_NAMES[(s * 7 + c) % COMMUNITY_NAMES.length]}社区`;
      regions.push({ code, name, level: 'COMMUNITY', parentCode: subCode, rural });
    }
  }
  return regions;
}

export function generatePopulation({ households: householdCount, seed = 20261129, today = '2026-11-29' }: PopulationOptions): DemoPopulation {
  if (!Number.isInteger(householdCount) || householdCount < 1) throw new RangeError(`households must be a positive whole number, got ${householdCount}`);
  const random = new Random(seed);
  const regions = buildRegions(householdCount, random);
  const communities = regions.filter((r) => r.level === 'COMMUNITY');
  const districtOf = (code: string): string => code.slice(0, 6);
  const grids: DemoGrid[] = [];
  const gridsByCommunity = new Map<string, DemoGrid[]>();
  const perCommunity = communities.map((_, i) => Math.floor(householdCount / communities.length) + (i < householdCount % communities.length ? 1 : 0));
  communities.forEach((community, i) => {
    const list: DemoGrid[] = [];
    for (let g = 0; g < Math.max(1, Math.ceil(perCommunity[i]! / HOUSEHOLDS_PER_GRID)); g += 1) {
      const grid: DemoGrid = {
        id: random.uuid(),
        regionCode: community.code,
        name: `第${ORDINALS[g % 10]}${g >= 10 ? g + 1 : ''}网格`,
        workerName: name(random, random.chance(0.6) ? 'FEMALE' : 'MALE'),
        workerPhone: phone(random),
      };
      list.push(grid);
      grids.push(grid);
    }
    gridsByCommunity.set(community.code, list);
  });

  const households: DemoHousehold[] = [];
  const persons: DemoPerson[] = [];
  const thisYear = Number(today.slice(0, 4));
  let idSequence = 0;
  const usedIdNumbers = new Set<string>();
  communities.forEach((community, i) => {
    const communityGrids = gridsByCommunity.get(community.code)!;
    for (let h = 0; h < perCommunity[i]!; h += 1) {
      const id = random.uuid();
      const registrationType = random.weighted<RegistrationType>([['LOCAL_HUKOU', 80], ['FLOATING', 12], ['SEPARATED', 8]]);
      const address = community.rural
        ? `${community.name}${random.int(1, 400)}号`
        : `${random.pick(STREETS)}${random.int(1, 300)}号${random.int(1, 30)}号楼${random.int(1, 4)}单元${random.int(1, 18)}0${random.int(1, 4)}室`;
      const household: DemoHousehold = {
        id,
        householdNumber: `${community.code}${String(h + 1).padStart(5, '0')}`,
        regionCode: community.code,
        gridId: communityGrids[Math.floor(h / HOUSEHOLDS_PER_GRID) % communityGrids.length]!.id,
        address,
        registrationType,
        rural: community.rural,
        memberIds: [],
      };
      const size = random.weighted(SIZES);
      const birthRegion = registrationType === 'FLOATING' ? random.pick(ORIGIN_CODES) : districtOf(community.code);
      const surname = random.weighted(SURNAMES);
      const headAge = size === 1 && random.chance(0.45) ? random.int(62, 92) : random.int(24, 80);
      const headGender: Gender = random.chance(0.72) ? 'MALE' : 'FEMALE';
      const since = random.dateBetween('1995-01-01', `${thisYear - 1}-12-31`);
      const add = (relation: Relation, gender: Gender, age: number, familyName: string): void => {
        const birthDate = random.dateBetween(`${thisYear - age - 1}-${today.slice(5)}`, `${thisYear - age}-${today.slice(5)}`);
        const safeBirth = birthDate >= today ? addYears(birthDate, -1) : birthDate;
        // Sequence numbers are per birthplace and birth date in reality; a global counter plus a
        // collision check keeps every generated number unique at any size.
        let idNumber = composeIdNumber(birthRegion, safeBirth, idSequence % 1000, gender);
        while (usedIdNumbers.has(idNumber)) idNumber = composeIdNumber(birthRegion, safeBirth, ++idSequence % 1000, gender);
        usedIdNumbers.add(idNumber);
        idSequence += 1;
        const person: DemoPerson = {
          id: random.uuid(),
          householdId: id,
          name: familyName + random.faker.person.firstName(gender === 'MALE' ? 'male' : 'female'),
          gender,
          birthDate: safeBirth,
          idNumber,
          phone: age >= 16 ? phone(random) : null,
          ethnicity: random.weighted(ETHNICITIES),
          partyMember: age >= 18 && random.chance(0.08),
          relation,
          memberSince: relation === 'CHILD' || relation === 'GRANDCHILD' ? (safeBirth > since ? safeBirth : since) : since,
        };
        household.memberIds.push(person.id);
        persons.push(person);
      };
      add('HEAD', headGender, headAge, surname);
      let remaining = size - 1;
      if (remaining > 0 && headAge >= 22 && random.chance(0.85)) {
        add('SPOUSE', headGender === 'MALE' ? 'FEMALE' : 'MALE', Math.max(20, headAge + random.int(-4, 3)), random.weighted(SURNAMES));
        remaining -= 1;
      }
      if (remaining >= 3 && headAge <= 60 && random.chance(0.6)) {
        add('PARENT', random.chance(0.55) ? 'FEMALE' : 'MALE', Math.min(100, headAge + random.int(24, 32)), surname);
        remaining -= 1;
      }
      while (remaining > 0) {
        const childAge = headAge - random.int(22, 34);
        if (childAge >= 0) {
          add('CHILD', random.chance(0.52) ? 'MALE' : 'FEMALE', childAge, surname);
        } else if (headAge >= 55) {
          add('GRANDCHILD', random.chance(0.52) ? 'MALE' : 'FEMALE', random.int(0, 12), surname);
        } else {
          add(random.chance(0.5) ? 'SIBLING' : 'OTHER', random.chance(0.5) ? 'MALE' : 'FEMALE', Math.max(16, headAge + random.int(-8, 8)), surname);
        }
        remaining -= 1;
      }
      households.push(household);
    }
  });
  return { seed, today, regions, grids, households, persons };
}

function name(random: Random, gender: Gender): string {
  return random.weighted(SURNAMES) + random.faker.person.firstName(gender === 'MALE' ? 'male' : 'female');
}
