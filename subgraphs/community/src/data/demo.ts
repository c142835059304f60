import type { ClientBase } from 'pg';
import { copyRows } from '@hub/database';
import type { DemoPopulation } from '@hub/demo-population';

/** Bulk-loads the community's share of the demo population: the region tree, grids, households, persons, memberships. */
export async function loadDemoData(client: ClientBase, population: DemoPopulation): Promise<Record<string, number>> {
  await copyRows(client, 'community.region', ['code', 'name', 'level', 'parent_code', 'rural'], population.regions.map((r) => [r.code, r.name, r.level, r.parentCode, r.rural]));
  await copyRows(client, 'community.grid', ['id', 'region_code', 'name', 'worker_name', 'worker_phone'], population.grids.map((g) => [g.id, g.regionCode, g.name, g.workerName, g.workerPhone]));
  await copyRows(
    client,
    'community.household',
    ['id', 'household_number', 'region_code', 'grid_id', 'address', 'registration_type'],
    population.households.map((h) => [h.id, h.householdNumber, h.regionCode, h.gridId, h.address, h.registrationType]),
  );
  await copyRows(
    client,
    'community.person',
    ['id', 'name', 'gender', 'birth_date', 'id_number', 'phone', 'ethnicity', 'party_member'],
    population.persons.map((p) => [p.id, p.name, p.gender, p.birthDate, p.idNumber, p.phone, p.ethnicity, p.partyMember]),
  );
  let membership = 0;
  await copyRows(
    client,
    'community.household_membership',
    ['id', 'household_id', 'person_id', 'relation', 'start_date', 'end_date'],
    population.persons.map((p) => [`00000000-0000-4000-8000-${(membership++).toString(16).padStart(12, '0')}`, p.householdId, p.id, p.relation, p.memberSince, null]),
  );
  return {
    regions: population.regions.length,
    grids: population.grids.length,
    households: population.households.length,
    persons: population.persons.length,
  };
}
