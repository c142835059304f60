import { composeIdNumber } from '@hub/identifiers';
import type { Data, Harness } from './support';

let sequence = 0;

export const REGIONS = {
  district: '370703',
  sub1: '370703001',
  sub2: '370703002',
  a: '370703001001',
  b: '370703001002',
  c: '370703002001',
};

/** The region tree: district 370703 → subdistricts 001, 002 → communities A, B (under 001) and C (under 002). */
export async function insertRegions(h: Harness): Promise<{ gridA: string }> {
  await h.sql(`INSERT INTO community.region (code, name, level, parent_code, rural) VALUES
    ('370703', '寒亭区', 'DISTRICT', NULL, false),
    ('370703001', '寒亭街道', 'SUBDISTRICT', '370703', false),
    ('370703002', '开元街道', 'SUBDISTRICT', '370703', false),
    ('370703001001', '西南社区', 'COMMUNITY', '370703001', false),
    ('370703001002', '甜水井社区', 'COMMUNITY', '370703001', false),
    ('370703002001', '第一社区', 'COMMUNITY', '370703002', false)`);
  const gridA = '0b7d3c1e-1111-4aaa-8aaa-000000000001';
  await h.sql(`INSERT INTO community.grid (id, region_code, name, worker_name, worker_phone) VALUES ($1, '370703001001', '第一网格', '刘网格', '13800000000')`, [gridA]);
  return { gridA };
}

export async function createPerson(h: Harness, name: string, birthDate: string, gender: 'MALE' | 'FEMALE' = 'MALE'): Promise<string> {
  const idNumber = composeIdNumber('370703', birthDate, (sequence += 2), gender);
  const data = await h.gql(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } userErrors { field code message } } }`, {
    input: { name, gender, birthDate, idNumber, phone: '13912345678' },
  });
  if (data.createPerson.userErrors.length) throw new Error(JSON.stringify(data.createPerson.userErrors));
  return data.createPerson.person.id;
}

export async function createHousehold(h: Harness, householdNumber: string, regionCode: string, registrationType: string, headPersonId: string, since = '2010-01-01'): Promise<string> {
  const data = await h.gql(`mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } userErrors { field code message } } }`, {
    input: { householdNumber, regionCode, address: `${householdNumber}号`, registrationType, headPersonId, since },
  });
  if (data.createHousehold.userErrors.length) throw new Error(JSON.stringify(data.createHousehold.userErrors));
  return data.createHousehold.household.id;
}

/** Runs a mutation that must succeed and returns its payload's record. */
export async function ok(h: Harness, name: string, record: string, input: Record<string, unknown>, selection = 'id'): Promise<Data> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const data = await h.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${record} { ${selection} } userErrors { field code message } } }`, { input });
  if (data[name].userErrors.length) throw new Error(`${name}: ${JSON.stringify(data[name].userErrors)}`);
  return data[name][record];
}

/** Runs a mutation that must be refused; returns its userErrors and checks the record is null. */
export async function refused(h: Harness, name: string, record: string, input: Record<string, unknown>): Promise<{ field: string[] | null; code: string; message: string }[]> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const data = await h.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${record} { __typename } userErrors { field code message } } }`, { input });
  if (data[name][record] !== null) throw new Error(`${name} was not refused`);
  return data[name].userErrors;
}
