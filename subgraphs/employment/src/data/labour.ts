// Writes shared by several mutations: status changes, registrations and the zero-employment re-evaluation.
import { addDays, dateValue } from '../domain/dates';
import { episodeChange, isZeroEmploymentFamily, type EmploymentStatus } from '../domain/labourForce';
import { certificateNumber } from '../domain/rules';
import type { Check, Tx } from '../resolvers/mutations/support';
import { newId } from '../resolvers/mutations/support';
import type { LabourForceMemberRow, RegistrationRow } from './models';

const iso = (date: Date): string => date.toISOString().slice(0, 10);

/** The person's labour-force record when inside the caller's jurisdiction, or a NOT_FOUND userError. */
export async function requireMember(check: Check, field: string, personId: string | null): Promise<LabourForceMemberRow | null> {
  if (!personId) return null;
  // A person outside the caller's jurisdiction reads as unknown: the same NOT_FOUND, nothing written.
  const member = check.own(await check.tx.labourForceMember.findUnique({ where: { personId } }));
  if (!member) check.add(field, 'NOT_FOUND', `the labour office holds no record of person ${personId}`);
  return member;
}

/** The day a change takes effect must come after the current status began (periods never overlap). */
export async function checkAfterCurrentStatus(check: Check, field: string, personId: string, day: string | null): Promise<void> {
  if (!day) return;
  const current = await check.tx.employmentStatusPeriod.findFirst({ where: { personId, endDate: null } });
  if (current && day <= iso(current.startDate)) check.add(field, 'INVALID', `${field} must be after the current status (${current.status}) began on ${iso(current.startDate)}`);
}

/** Closes the current status the day before and opens the new one; re-evaluates the household. Same status: nothing. */
export async function changeStatus(tx: Tx, member: LabourForceMemberRow, status: EmploymentStatus, since: string): Promise<void> {
  const current = await tx.employmentStatusPeriod.findFirst({ where: { personId: member.personId, endDate: null } });
  if (current?.status === status) return;
  if (current) await tx.employmentStatusPeriod.update({ where: { id: current.id }, data: { endDate: dateValue(addDays(since, -1)) } });
  await tx.employmentStatusPeriod.create({ data: { id: newId(), personId: member.personId, status, startDate: dateValue(since) } });
  await reevaluateHousehold(tx, member.householdId, since);
}

/** Applies the zero-employment rule to the household's statuses now: opens or resolves an episode on `day`. */
export async function reevaluateHousehold(tx: Tx, householdId: string, day: string): Promise<void> {
  const members = await tx.labourForceMember.findMany({ where: { householdId } });
  const periods = await tx.employmentStatusPeriod.findMany({ where: { personId: { in: members.map((m) => m.personId) }, endDate: null } });
  const statusOf = new Map(periods.map((p) => [p.personId, p.status]));
  const zero = isZeroEmploymentFamily(
    members.map((m) => ({ birthDate: iso(m.birthDate), gender: m.gender, status: statusOf.get(m.personId) ?? null })),
    day,
  );
  const open = await tx.zeroEmploymentEpisode.findFirst({ where: { householdId, resolvedOn: null } });
  const change = episodeChange(open !== null, zero, day);
  if (change?.kind === 'ARISE') {
    await tx.zeroEmploymentEpisode.create({ data: { id: newId(), householdId, regionCode: members[0]!.regionCode, aroseOn: dateValue(day) } });
  } else if (change?.kind === 'RESOLVE' && open) {
    const resolved = day < iso(open.aroseOn) ? iso(open.aroseOn) : day;
    await tx.zeroEmploymentEpisode.update({ where: { id: open.id }, data: { resolvedOn: dateValue(resolved) } });
  }
}

/**
 * Applies the rule to every household of a region's subtree on `day` (statuses current on that day), in a fixed
 * number of statements: what ageing changed without any status change is caught here.
 */
export async function refreshRegion(tx: Tx, regionCode: string, day: string): Promise<{ opened: number; resolved: number }> {
  const members = await tx.labourForceMember.findMany({ where: { regionCode: { startsWith: regionCode } } });
  // A join rather than an IN list: a district holds hundreds of thousands of persons.
  const periods = await tx.$queryRaw<{ personId: string; status: EmploymentStatus }[]>`
    SELECT p.person_id AS "personId", p.status::text AS status
      FROM employment.employment_status_period p JOIN employment.labour_force_member m ON m.person_id = p.person_id
     WHERE m.region_code LIKE ${regionCode} || '%' AND p.start_date <= ${dateValue(day)}::date AND (p.end_date IS NULL OR p.end_date >= ${dateValue(day)}::date)`;
  const episodes = await tx.zeroEmploymentEpisode.findMany({ where: { regionCode: { startsWith: regionCode } } });
  const statusOf = new Map(periods.map((p) => [p.personId, p.status]));
  const households = new Map<string, LabourForceMemberRow[]>();
  for (const m of members) {
    const list = households.get(m.householdId);
    if (list) list.push(m);
    else households.set(m.householdId, [m]);
  }
  const episodesOf = new Map<string, typeof episodes>();
  for (const e of episodes) episodesOf.set(e.householdId, [...(episodesOf.get(e.householdId) ?? []), e]);
  const arise: { id: string; householdId: string; regionCode: string; aroseOn: Date }[] = [];
  const resolve: string[] = [];
  for (const [householdId, list] of households) {
    const own = episodesOf.get(householdId) ?? [];
    // History recorded after `day` already speaks for the time after it: the review leaves such households alone.
    if (own.some((e) => iso(e.aroseOn) > day)) continue;
    const covering = own.find((e) => iso(e.aroseOn) <= day && (e.resolvedOn === null || iso(e.resolvedOn) > day));
    if (covering && covering.resolvedOn !== null) continue;
    const zero = isZeroEmploymentFamily(list.map((m) => ({ birthDate: iso(m.birthDate), gender: m.gender, status: statusOf.get(m.personId) ?? null })), day);
    const change = episodeChange(covering !== undefined, zero, day);
    if (change?.kind === 'ARISE') arise.push({ id: newId(), householdId, regionCode: list[0]!.regionCode, aroseOn: dateValue(day) });
    else if (change?.kind === 'RESOLVE' && covering) resolve.push(covering.id);
  }
  if (arise.length > 0) await tx.zeroEmploymentEpisode.createMany({ data: arise });
  if (resolve.length > 0) await tx.zeroEmploymentEpisode.updateMany({ where: { id: { in: resolve } }, data: { resolvedOn: dateValue(day) } });
  return { opened: arise.length, resolved: resolve.length };
}

/** The person's certificate number: the one already issued, or a new one. */
async function certificateFor(tx: Tx, member: LabourForceMemberRow, day: string): Promise<string> {
  const earlier = await tx.employmentRegistration.findFirst({ where: { personId: member.personId }, orderBy: { startDate: 'asc' } });
  return earlier?.certificateNumber ?? certificateNumber(member.regionCode, day, member.personId);
}

/** Active registrations of the person, to be ended by a new one; each must have begun before `day`. */
export async function checkActiveRegistrations(check: Check, field: string, personId: string, day: string | null): Promise<RegistrationRow[]> {
  const active = await check.tx.employmentRegistration.findMany({ where: { personId, status: 'ACTIVE' } });
  for (const r of active) {
    if (day && day <= iso(r.startDate)) check.add(field, 'INVALID', `${field} must be after the active ${r.kind.toLowerCase()} registration began on ${iso(r.startDate)}`);
  }
  return active;
}

async function endRegistrations(tx: Tx, active: RegistrationRow[], day: string): Promise<void> {
  for (const r of active) await tx.employmentRegistration.update({ where: { id: r.id }, data: { status: 'ENDED', endDate: dateValue(addDays(day, -1)) } });
}

export interface EmploymentFacts {
  startedOn: string;
  employerName: string | null;
  employerCreditCode: string | null;
  flexible: boolean;
}

/** Writes an employment registration: ends active ones (an unemployment one makes it re-employment), sets the status. */
export async function writeEmployment(tx: Tx, member: LabourForceMemberRow, active: RegistrationRow[], facts: EmploymentFacts): Promise<RegistrationRow> {
  await endRegistrations(tx, active, facts.startedOn);
  const registration = await tx.employmentRegistration.create({
    data: {
      id: newId(),
      certificateNumber: await certificateFor(tx, member, facts.startedOn),
      personId: member.personId,
      householdId: member.householdId,
      regionCode: member.regionCode,
      kind: 'EMPLOYMENT',
      status: 'ACTIVE',
      startDate: dateValue(facts.startedOn),
      employerName: facts.employerName,
      employerCreditCode: facts.employerCreditCode,
      flexible: facts.flexible,
      reemployment: active.some((r) => r.kind === 'UNEMPLOYMENT'),
    },
  });
  await changeStatus(tx, member, facts.flexible ? 'FLEXIBLY_EMPLOYED' : 'EMPLOYED', facts.startedOn);
  return registration;
}

/** Writes an unemployment registration: ends an active employment registration, sets the status. */
export async function writeUnemployment(tx: Tx, member: LabourForceMemberRow, active: RegistrationRow[], registeredOn: string): Promise<RegistrationRow> {
  await endRegistrations(tx, active, registeredOn);
  const registration = await tx.employmentRegistration.create({
    data: {
      id: newId(),
      certificateNumber: await certificateFor(tx, member, registeredOn),
      personId: member.personId,
      householdId: member.householdId,
      regionCode: member.regionCode,
      kind: 'UNEMPLOYMENT',
      status: 'ACTIVE',
      startDate: dateValue(registeredOn),
    },
  });
  await changeStatus(tx, member, 'REGISTERED_UNEMPLOYED', registeredOn);
  return registration;
}
