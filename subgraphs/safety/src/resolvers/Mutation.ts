import { randomUUID } from 'node:crypto';
import { inJurisdiction, requireInJurisdiction, type Caller } from '@hub/access';
import { GraphQLError } from 'graphql';
import { claimIdempotencyKey, completeIdempotencyKey, requestHash } from '@hub/database';
import { toIsoDate } from '@hub/scalars';
import type { MutationResolvers } from '../generated/resolvers-types';
import { checkActionTransition } from '../domain/actions';
import { todayIso, toDate } from '../domain/dates';
import { transitionHazard, type HazardAction } from '../domain/hazard';
import { checkApproval, checkRevision, type PlanVersion } from '../domain/emergencyPlan';
import { targetMatchesDirection } from '../domain/indicator';
import { MIN_PROGRAMME_MONTHS, phaseDateProblem, planPhases } from '../domain/programme';
import { PHASE_TASKS, STANDARD_BODIES } from '../data/bodies';
import { regionLevel } from '@hub/identifiers';
import { workingGroupCategory } from '../domain/labels';
import { riskLevel } from '../domain/risk';
import type { Context } from '../context';
import { SCHEMA } from '../data/db';
import { programmeVisible, programmeWritable } from '../data/jurisdiction';
import type { EmergencyPlanVersionRow, HazardRow } from '../data/models';
import { Refusal, refuse, Validation, type UserErrorModel } from './validation';

const MAX_PARTICIPANTS = 100_000;
const MAX_INDICATORS = 10;

function planVersions(rows: EmergencyPlanVersionRow[]): PlanVersion[] {
  return rows.map((v) => ({ version: v.version, issuedOn: toIsoDate(v.issuedOn), approvedOn: v.approvedOn ? toIsoDate(v.approvedOn) : null }));
}

type Tx = Parameters<Parameters<Context['db']['prisma']['$transaction']>[0]>[0];

/** Optional idempotency of a mutation whose input may carry `idempotencyKey`. */
interface Idempotent<T> {
  /** Keys are scoped per operation (the mutation's name). */
  operation: string;
  /** The whole input: hashed (without the key) to tell a replay from a reuse with other input. */
  input: { idempotencyKey?: string | null };
  /** Reads the first result again for a replay; no write. */
  reload: (tx: Tx, id: string) => Promise<T | null>;
}

const MAX_KEY_LENGTH = 200;

/**
 * Runs a mutation's writes in one transaction after validation passed. A Refusal thrown inside rolls
 * everything back and becomes userErrors; any other error is a real failure and propagates. With `idem`
 * and an `idempotencyKey` in the input, the key is claimed first in the same transaction: the same key
 * replays the first result without writing, and a reuse with other input is a CONFLICT.
 */
async function write<T extends { id: string }>(
  { db }: Context,
  validation: Validation,
  work: (tx: Tx) => Promise<T>,
  idem?: Idempotent<T>,
): Promise<{ value: T | null; userErrors: UserErrorModel[] }> {
  const key = idem?.input.idempotencyKey ?? null;
  // Code points, as PostgreSQL's char_length counts them; NUL cannot be stored in text.
  if (key !== null && ([...key].length < 1 || [...key].length > MAX_KEY_LENGTH || key.includes('\u0000'))) {
    validation.add('idempotencyKey', 'INVALID', `idempotencyKey must be 1 to ${MAX_KEY_LENGTH} characters, without NUL`);
  }
  if (!validation.ok) return { value: null, userErrors: validation.errors };
  try {
    const value = await db.prisma.$transaction(async (tx) => {
      if (!idem || key === null) return work(tx);
      const claim = await claimIdempotencyKey(tx, SCHEMA, idem.operation, key, requestHash(idem.input));
      if (claim.kind === 'mismatch') throw refuse('idempotencyKey', 'CONFLICT', 'the idempotency key was already used with different input');
      if (claim.kind === 'replay') {
        const first = await idem.reload(tx, claim.resultId);
        // The first result lives in this schema; it can only be missing if someone deleted it by hand.
        if (!first) throw new Error(`${idem.operation}: the result ${claim.resultId} of idempotency key "${key}" is gone`);
        return first;
      }
      const result = await work(tx);
      await completeIdempotencyKey(tx, SCHEMA, idem.operation, key, result.id);
      return result;
    });
    return { value, userErrors: [] };
  } catch (error) {
    if (error instanceof Refusal) return { value: null, userErrors: error.errors };
    throw error;
  }
}

/** A region code of the input outside the caller's jurisdiction: FORBIDDEN, before anything is written (null: left to the input checks). */
function requireRegionInJurisdiction(caller: Caller, field: string, regionCode: string | null): void {
  if (regionCode !== null) requireInJurisdiction(caller, regionCode, field);
}

/**
 * Checks, before the transaction (a programme's region never changes), that the caller may change the
 * records of a programme: one outside the jurisdiction reads as unknown (NOT_FOUND, the message of an
 * unknown id); one that only contains the jurisdiction (a town's programme for a community's officer) is
 * FORBIDDEN. An unknown programme is left to the transaction, which reports it as before.
 */
async function checkProgrammeAccess(context: Context, v: Validation, field: string, programmeId: string | null | undefined, notFound: string): Promise<void> {
  if (!programmeId) return;
  const programme = await context.loaders.programmeById.load(programmeId);
  if (!programme) return;
  if (!programmeVisible(context.caller, programme.regionCode)) v.add(field, 'NOT_FOUND', notFound);
  else if (!programmeWritable(context.caller, programme.regionCode)) {
    throw new GraphQLError(`${field}: the programme of region ${programme.regionCode} reaches beyond the caller's jurisdiction`, { extensions: { code: 'FORBIDDEN', field } });
  }
}

/** A record with a region of its own outside the jurisdiction reads as unknown: NOT_FOUND before the transaction. */
function checkRecordRegion(caller: Caller, v: Validation, field: string, record: { regionCode: string } | null, notFound: string): void {
  if (record && !inJurisdiction(caller, record.regionCode)) v.add(field, 'NOT_FOUND', notFound);
}

/** The programme of a record loaded by id; null for an unknown or malformed id (left to the transaction). */
async function programmeOf(load: (id: string) => Promise<{ programmeId: string } | null>, id: string | null | undefined): Promise<string | null> {
  return id ? ((await load(id))?.programmeId ?? null) : null;
}

/** An emergency plan's records change with its programme (see checkProgrammeAccess). */
async function checkPlanAccess(context: Context, v: Validation, planId: string | null, rawId: string): Promise<void> {
  await checkProgrammeAccess(context, v, 'planId', await programmeOf((id) => context.loaders.planById.load(id), planId), `no emergency plan has the id "${rawId}"`);
}

async function stepHazard(
  context: Context,
  operation: string,
  input: { hazardId: string; on: string; idempotencyKey?: string | null },
  action: HazardAction,
  fields: { note?: string | null; verificationNote?: string | null; verifiedBy?: string | null },
) {
  const v = new Validation();
  const id = v.id('hazardId', input.hazardId);
  const on = v.date('on', input.on, todayIso());
  if (action === 'START_RECTIFICATION') v.text('note', fields.note);
  if (action === 'CLOSE') v.text('verifiedBy', fields.verifiedBy, { max: 100 });
  if (id) checkRecordRegion(context.caller, v, 'hazardId', await context.loaders.hazardById.load(id), `no hazard has the id "${input.hazardId}"`);
  const { value, userErrors } = await write(context, v, async (tx): Promise<HazardRow> => {
    const hazard = await tx.hazard.findUnique({ where: { id: id! } });
    if (!hazard) throw refuse('hazardId', 'NOT_FOUND', `no hazard has the id "${input.hazardId}"`);
    const result = transitionHazard(
      {
        status: hazard.status,
        identifiedOn: toIsoDate(hazard.identifiedOn),
        rectificationStartedOn: hazard.rectificationStartedOn ? toIsoDate(hazard.rectificationStartedOn) : null,
      },
      action,
      { on: on!, verificationNote: fields.verificationNote },
    );
    if (!result.ok) throw refuse(result.field ?? 'hazardId', result.code, result.message);
    const data =
      action === 'START_RECTIFICATION'
        ? { status: result.status, rectificationStartedOn: toDate(on!), rectificationNote: fields.note!.trim() }
        : { status: result.status, closedOn: toDate(on!), verificationNote: fields.verificationNote!.trim(), verifiedBy: fields.verifiedBy!.trim() };
    // Only from the state just read: a concurrent step wins and this one is refused.
    const { count } = await tx.hazard.updateMany({ where: { id: hazard.id, status: hazard.status }, data });
    if (count !== 1) throw refuse('hazardId', 'CONFLICT', 'the hazard was changed by someone else; read it again');
    return (await tx.hazard.findUnique({ where: { id: hazard.id } }))!;
  }, { operation, input, reload: (tx, id) => tx.hazard.findUnique({ where: { id } }) });
  return { hazard: value, userErrors };
}

export const Mutation: MutationResolvers = {
  launchProgramme: async (_parent, { input }, context) => {
    const v = new Validation();
    const level = regionLevel(input.regionCode);
    if (level !== 'SUBDISTRICT' && level !== 'COMMUNITY') v.add('regionCode', 'INVALID', `"${input.regionCode}" is not a 9-digit town or 12-digit community code`);
    else requireRegionInJurisdiction(context.caller, 'regionCode', input.regionCode);
    const name = v.text('name', input.name, { max: 200 });
    const launchDate = v.date('launchDate', input.launchDate);
    const targetDate = v.date('targetDate', input.targetDate);
    const previousLevelOn = input.previousLevelOn ? v.date('previousLevelOn', input.previousLevelOn, todayIso()) : null;
    if (input.previousLevelOn && input.targetLevel !== 'NATIONAL') v.add('previousLevelOn', 'INVALID', 'only a national bid has a level below it (provincial status)');
    const phases = launchDate && targetDate ? planPhases(launchDate, targetDate) : null;
    if (launchDate && targetDate && !phases) v.add('targetDate', 'RULE_VIOLATION', `the target must be at least ${MIN_PROGRAMME_MONTHS} months after the launch`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      // A region may not run two programmes, nor one inside or above another's region.
      const clash = await tx.programme.findFirst({
        where: { OR: [{ regionCode: { startsWith: input.regionCode } }, { regionCode: { in: [input.regionCode.slice(0, 9), input.regionCode.slice(0, 6)] } }] },
      });
      if (clash) throw refuse('regionCode', 'DUPLICATE', `region ${clash.regionCode} already runs "${clash.name}"`);
      const id = randomUUID();
      const programme = await tx.programme.create({
        data: {
          id,
          regionCode: input.regionCode,
          name: name!,
          targetLevel: input.targetLevel,
          targetDate: toDate(targetDate!),
          previousLevelOn: previousLevelOn ? toDate(previousLevelOn) : null,
        },
      });
      await tx.programmePhase.createMany({
        data: phases!.map((p) => ({
          id: randomUUID(),
          programmeId: id,
          phase: p.phase,
          plannedStart: toDate(p.plannedStart),
          plannedEnd: p.plannedEnd ? toDate(p.plannedEnd) : null,
          tasks: [...PHASE_TASKS[p.phase]!],
        })),
      });
      await tx.workingGroup.createMany({
        data: STANDARD_BODIES.map((b) => ({ id: randomUUID(), programmeId: id, kind: b.kind, name: b.name, duties: b.duties, memberUnits: [...b.memberUnits] })),
      });
      return programme;
    }, { operation: 'launchProgramme', input, reload: (tx, id) => tx.programme.findUnique({ where: { id } }) });
    return { programme: value, userErrors };
  },

  createHighRiskGroup: async (_parent, { input }, context) => {
    const v = new Validation();
    const programmeId = v.id('programmeId', input.programmeId);
    const name = v.text('name', input.name, { max: 100 });
    const mainRisks = v.text('mainRisks', input.mainRisks, { max: 500 });
    await checkProgrammeAccess(context, v, 'programmeId', programmeId, `no programme has the id "${input.programmeId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const programme = await tx.programme.findUnique({ where: { id: programmeId! } });
      if (!programme) throw refuse('programmeId', 'NOT_FOUND', `no programme has the id "${input.programmeId}"`);
      if (await tx.highRiskGroup.findFirst({ where: { programmeId: programme.id, name: name! } })) throw refuse('name', 'DUPLICATE', `the programme already has a group named ${name}`);
      return tx.highRiskGroup.create({ data: { id: randomUUID(), programmeId: programme.id, category: input.category, name: name!, mainRisks: mainRisks! } });
    });
    return { group: value, userErrors };
  },

  recordInjury: async (_parent, { input }, context) => {
    const v = new Validation();
    const today = todayIso();
    const personId = v.id('personId', input.personId);
    const householdId = v.id('householdId', input.householdId);
    requireRegionInJurisdiction(context.caller, 'regionCode', v.communityCode('regionCode', input.regionCode));
    const injuryDate = v.date('injuryDate', input.injuryDate, today);
    v.intBetween('age', input.age, 0, 120);
    const unitName = v.text('reportingUnitName', input.reportingUnitName, { max: 100 });
    const summary = v.text('summary', input.summary, { required: false });
    if (input.disposition === 'DIED' && input.severity !== 'SEVERE') v.add('severity', 'RULE_VIOLATION', 'a fatal injury is recorded as SEVERE');
    const { value, userErrors } = await write(context, v, async (tx) => {
      // One case reported by both the health centre and the police is still one case.
      if (personId) {
        const same = await tx.injuryRecord.findFirst({ where: { personId, injuryDate: toDate(injuryDate!), cause: input.cause } });
        if (same) throw refuse('personId', 'DUPLICATE', `this person's ${input.cause} injury of ${injuryDate} is already recorded`);
      }
      return tx.injuryRecord.create({
        data: {
          id: randomUUID(),
          regionCode: input.regionCode,
          personId,
          householdId,
          injuryDate: toDate(injuryDate!),
          age: input.age,
          sex: input.sex,
          intent: input.intent,
          cause: input.cause,
          place: input.place,
          activity: input.activity,
          nature: input.nature,
          bodyPart: input.bodyPart,
          severity: input.severity,
          disposition: input.disposition,
          reportingUnitType: input.reportingUnitType,
          reportingUnitName: unitName!,
          summary,
        },
      });
    }, { operation: 'recordInjury', input, reload: (tx, id) => tx.injuryRecord.findUnique({ where: { id } }) });
    return { injury: value, userErrors };
  },

  identifyHazard: async (_parent, { input }, context) => {
    const v = new Validation();
    const today = todayIso();
    const programmeId = v.id('programmeId', input.programmeId);
    // The programme must contain the hazard's region (checked below), so it overlaps the jurisdiction too.
    requireRegionInJurisdiction(context.caller, 'regionCode', v.communityCode('regionCode', input.regionCode));
    const location = v.text('location', input.location, { max: 200 });
    const description = v.text('description', input.description, { max: 1000 });
    const responsibleUnit = v.text('responsibleUnit', input.responsibleUnit, { max: 100 });
    const likelihood = v.intBetween('likelihood', input.likelihood, 1, 5);
    const severity = v.intBetween('severity', input.severity, 1, 5);
    const identifiedOn = v.date('identifiedOn', input.identifiedOn, today);
    const deadline = v.date('deadline', input.deadline);
    if (identifiedOn && deadline && deadline < identifiedOn) v.add('deadline', 'INVALID', `the deadline ${deadline} is before the day identified (${identifiedOn})`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      if (programmeId) {
        const programme = await tx.programme.findUnique({ where: { id: programmeId } });
        if (!programme) throw refuse('programmeId', 'NOT_FOUND', `no programme has the id "${programmeId}"`);
        if (!input.regionCode.startsWith(programme.regionCode)) throw refuse('regionCode', 'RULE_VIOLATION', `${input.regionCode} is outside the programme's region ${programme.regionCode}`);
      }
      return tx.hazard.create({
        data: {
          id: randomUUID(),
          programmeId,
          regionCode: input.regionCode,
          location: location!,
          category: input.category,
          description: description!,
          likelihood: likelihood!,
          severity: severity!,
          riskLevel: riskLevel(likelihood!, severity!),
          responsibleUnit: responsibleUnit!,
          deadline: toDate(deadline!),
          identifiedOn: toDate(identifiedOn!),
        },
      });
    }, { operation: 'identifyHazard', input, reload: (tx, id) => tx.hazard.findUnique({ where: { id } }) });
    return { hazard: value, userErrors };
  },

  startHazardRectification: (_parent, { input }, context) => stepHazard(context, 'startHazardRectification', input, 'START_RECTIFICATION', { note: input.note }),
  closeHazard: (_parent, { input }, context) => stepHazard(context, 'closeHazard', input, 'CLOSE', { verificationNote: input.verificationNote, verifiedBy: input.verifiedBy }),

  setPhaseDates: async (_parent, { input }, context) => {
    const v = new Validation();
    const today = todayIso();
    const programmeId = v.id('programmeId', input.programmeId);
    const actualStart = input.actualStart ? v.date('actualStart', input.actualStart, today) : null;
    const actualEnd = input.actualEnd ? v.date('actualEnd', input.actualEnd, today) : null;
    const problem = phaseDateProblem({ actualStart: input.actualStart ?? null, actualEnd: input.actualEnd ?? null });
    if (problem) v.add(problem, 'INVALID', problem === 'actualStart' ? 'a phase cannot end before it started' : 'the end is before the start');
    await checkProgrammeAccess(context, v, 'programmeId', programmeId, `programme "${input.programmeId}" has no ${input.phase} phase`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const phase = await tx.programmePhase.findUnique({ where: { programmeId_phase: { programmeId: programmeId!, phase: input.phase } } });
      if (!phase) throw refuse('programmeId', 'NOT_FOUND', `programme "${input.programmeId}" has no ${input.phase} phase`);
      return tx.programmePhase.update({ where: { id: phase.id }, data: { actualStart: actualStart ? toDate(actualStart) : null, actualEnd: actualEnd ? toDate(actualEnd) : null } });
    });
    return { phase: value, userErrors };
  },

  addHighRiskMember: async (_parent, { input }, context) => {
    const v = new Validation();
    const groupId = v.id('groupId', input.groupId);
    const personId = v.id('personId', input.personId);
    const householdId = v.id('householdId', input.householdId);
    if ((input.personId == null) === (input.householdId == null)) v.add('personId', 'INVALID', 'give exactly one of personId and householdId');
    // The group's programme must contain the entry's region (checked below), so it overlaps the jurisdiction too.
    requireRegionInJurisdiction(context.caller, 'regionCode', v.communityCode('regionCode', input.regionCode));
    const reason = v.text('reason', input.reason);
    const since = v.date('since', input.since, todayIso());
    const { value, userErrors } = await write(context, v, async (tx) => {
      const group = await tx.highRiskGroup.findUnique({ where: { id: groupId! } });
      if (!group) throw refuse('groupId', 'NOT_FOUND', `no high-risk group has the id "${input.groupId}"`);
      const programme = (await tx.programme.findUnique({ where: { id: group.programmeId } }))!;
      if (!input.regionCode.startsWith(programme.regionCode)) throw refuse('regionCode', 'RULE_VIOLATION', `${input.regionCode} is outside the programme's region ${programme.regionCode}`);
      const current = await tx.highRiskMember.findFirst({ where: { groupId: group.id, until: null, ...(personId ? { personId } : { householdId }) } });
      if (current) throw refuse(personId ? 'personId' : 'householdId', 'DUPLICATE', `already in the group since ${toIsoDate(current.since)}`);
      return tx.highRiskMember.create({ data: { id: randomUUID(), groupId: group.id, personId, householdId, regionCode: input.regionCode, reason: reason!, since: toDate(since!) } });
    }, { operation: 'addHighRiskMember', input, reload: (tx, id) => tx.highRiskMember.findUnique({ where: { id } }) });
    return { member: value, userErrors };
  },

  endHighRiskMember: async (_parent, { input }, context) => {
    const v = new Validation();
    const memberId = v.id('memberId', input.memberId);
    const until = v.date('until', input.until, todayIso());
    if (memberId) checkRecordRegion(context.caller, v, 'memberId', await context.loaders.highRiskMemberById.load(memberId), `no high-risk entry has the id "${input.memberId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const member = await tx.highRiskMember.findUnique({ where: { id: memberId! } });
      if (!member) throw refuse('memberId', 'NOT_FOUND', `no high-risk entry has the id "${input.memberId}"`);
      if (member.until) throw refuse('memberId', 'INVALID_TRANSITION', `the entry already ended on ${toIsoDate(member.until)}`);
      if (until! < toIsoDate(member.since)) throw refuse('until', 'INVALID', `the end ${until} is before the entry began (${toIsoDate(member.since)})`);
      const { count } = await tx.highRiskMember.updateMany({ where: { id: member.id, until: null }, data: { until: toDate(until!) } });
      if (count !== 1) throw refuse('memberId', 'CONFLICT', 'the entry was changed by someone else; read it again');
      return (await tx.highRiskMember.findUnique({ where: { id: member.id } }))!;
    }, { operation: 'endHighRiskMember', input, reload: (tx, id) => tx.highRiskMember.findUnique({ where: { id } }) });
    return { member: value, userErrors };
  },

  recordProjectActivity: async (_parent, { input }, context) => {
    const v = new Validation();
    const projectId = v.id('projectId', input.projectId);
    const title = v.text('title', input.title, { max: 200 });
    const location = v.text('location', input.location, { max: 200 });
    const note = v.text('note', input.note, { required: false });
    const heldOn = v.date('heldOn', input.heldOn, todayIso());
    v.intBetween('participants', input.participants, 0, MAX_PARTICIPANTS);
    const projectProgrammeId = await programmeOf((id) => context.loaders.projectById.load(id), projectId);
    await checkProgrammeAccess(context, v, 'projectId', projectProgrammeId, `no intervention project has the id "${input.projectId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const project = await tx.interventionProject.findUnique({ where: { id: projectId! } });
      if (!project) throw refuse('projectId', 'NOT_FOUND', `no intervention project has the id "${input.projectId}"`);
      if (heldOn! < toIsoDate(project.startDate)) throw refuse('heldOn', 'RULE_VIOLATION', `the project starts on ${toIsoDate(project.startDate)}`);
      if (project.endDate && heldOn! > toIsoDate(project.endDate)) throw refuse('heldOn', 'RULE_VIOLATION', `the project ended on ${toIsoDate(project.endDate)}`);
      return tx.projectActivity.create({
        data: { id: randomUUID(), projectId: project.id, kind: input.kind, title: title!, heldOn: toDate(heldOn!), location: location!, participants: input.participants, note },
      });
    }, { operation: 'recordProjectActivity', input, reload: (tx, id) => tx.projectActivity.findUnique({ where: { id } }) });
    return { activity: value, userErrors };
  },

  measureIndicator: async (_parent, { input }, context) => {
    const v = new Validation();
    const indicatorId = v.id('indicatorId', input.indicatorId);
    if (!Number.isFinite(input.actual) || input.actual < 0) v.add('actual', 'INVALID', `actual must be a finite number ≥ 0, got ${input.actual}`);
    const measuredOn = v.date('measuredOn', input.measuredOn, todayIso());
    const indicatorProjectId = indicatorId ? ((await context.loaders.indicatorById.load(indicatorId))?.projectId ?? null) : null;
    const indicatorProgrammeId = await programmeOf((id) => context.loaders.projectById.load(id), indicatorProjectId);
    await checkProgrammeAccess(context, v, 'indicatorId', indicatorProgrammeId, `no indicator has the id "${input.indicatorId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const indicator = await tx.projectIndicator.findUnique({ where: { id: indicatorId! } });
      if (!indicator) throw refuse('indicatorId', 'NOT_FOUND', `no indicator has the id "${input.indicatorId}"`);
      // The stored value is the latest measurement: an older one must not replace it.
      if (indicator.measuredOn && measuredOn! < toIsoDate(indicator.measuredOn)) {
        throw refuse('measuredOn', 'RULE_VIOLATION', `a later measurement (${toIsoDate(indicator.measuredOn)}) is already recorded`);
      }
      return tx.projectIndicator.update({ where: { id: indicator.id }, data: { actual: input.actual, measuredOn: toDate(measuredOn!) } });
    });
    return { indicator: value, userErrors };
  },

  createInterventionProject: async (_parent, { input }, context) => {
    const v = new Validation();
    const groupId = v.id('workingGroupId', input.workingGroupId);
    const riskGroupId = v.id('highRiskGroupId', input.highRiskGroupId);
    const name = v.text('name', input.name, { max: 200 });
    const targetGroup = v.text('targetGroup', input.targetGroup, { max: 200 });
    const objective = v.text('objective', input.objective, { max: 1000 });
    const startDate = v.date('startDate', input.startDate);
    const endDate = input.endDate ? v.date('endDate', input.endDate) : null;
    if (startDate && endDate && endDate <= startDate) v.add('endDate', 'INVALID', 'a project ends after it starts');
    if (input.indicators.length < 1 || input.indicators.length > MAX_INDICATORS) v.add('indicators', 'INVALID', `give 1 to ${MAX_INDICATORS} indicators`);
    const groupProgrammeId = await programmeOf((id) => context.loaders.workingGroupById.load(id), groupId);
    await checkProgrammeAccess(context, v, 'workingGroupId', groupProgrammeId, `no working group has the id "${input.workingGroupId}"`);
    input.indicators.forEach((indicator, i) => {
      const at = (field: string) => `indicators.${i}.${field}`;
      v.text(at('name'), indicator.name, { max: 200 });
      v.text(at('unit'), indicator.unit, { max: 20 });
      for (const field of ['baseline', 'target'] as const) {
        if (!Number.isFinite(indicator[field]) || indicator[field] < 0) v.add(at(field), 'INVALID', `${field} must be a finite number ≥ 0`);
      }
      if (!targetMatchesDirection(indicator)) v.add(at('target'), 'INVALID', `with ${indicator.direction} the target must move away from the baseline that way`);
    });
    const { value, userErrors } = await write(context, v, async (tx) => {
      const group = await tx.workingGroup.findUnique({ where: { id: groupId! } });
      if (!group) throw refuse('workingGroupId', 'NOT_FOUND', `no working group has the id "${input.workingGroupId}"`);
      if (workingGroupCategory(group.kind) !== 'PROJECT') throw refuse('workingGroupId', 'RULE_VIOLATION', `projects belong to project groups, not to ${group.kind}`);
      if (riskGroupId) {
        const riskGroup = await tx.highRiskGroup.findUnique({ where: { id: riskGroupId } });
        if (!riskGroup) throw refuse('highRiskGroupId', 'NOT_FOUND', `no high-risk group has the id "${input.highRiskGroupId}"`);
        if (riskGroup.programmeId !== group.programmeId) throw refuse('highRiskGroupId', 'RULE_VIOLATION', 'the high-risk group belongs to another programme');
      }
      const id = randomUUID();
      const project = await tx.interventionProject.create({
        data: {
          id,
          programmeId: group.programmeId,
          workingGroupId: group.id,
          highRiskGroupId: riskGroupId,
          name: name!,
          targetGroup: targetGroup!,
          objective: objective!,
          startDate: toDate(startDate!),
          endDate: endDate ? toDate(endDate) : null,
          status: startDate! > todayIso() ? 'PLANNED' : 'ACTIVE',
        },
      });
      await tx.projectIndicator.createMany({
        data: input.indicators.map((i) => ({ id: randomUUID(), projectId: id, name: i.name.trim(), unit: i.unit.trim(), direction: i.direction, baseline: i.baseline, target: i.target })),
      });
      return project;
    }, { operation: 'createInterventionProject', input, reload: (tx, id) => tx.interventionProject.findUnique({ where: { id } }) });
    return { project: value, userErrors };
  },

  createEmergencyPlan: async (_parent, { input }, context) => {
    const v = new Validation();
    const programmeId = v.id('programmeId', input.programmeId);
    const title = v.text('title', input.title, { max: 200 });
    const ownerUnit = v.text('ownerUnit', input.ownerUnit, { max: 100 });
    const issuedOn = v.date('issuedOn', input.issuedOn, todayIso());
    await checkProgrammeAccess(context, v, 'programmeId', programmeId, `no programme has the id "${input.programmeId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const programme = await tx.programme.findUnique({ where: { id: programmeId! } });
      if (!programme) throw refuse('programmeId', 'NOT_FOUND', `no programme has the id "${input.programmeId}"`);
      const plan = await tx.emergencyPlan.create({ data: { id: randomUUID(), programmeId: programme.id, title: title!, category: input.category, ownerUnit: ownerUnit! } });
      await tx.emergencyPlanVersion.create({ data: { id: randomUUID(), planId: plan.id, version: 1, issuedOn: toDate(issuedOn!), changes: '首次编制' } });
      return plan;
    }, { operation: 'createEmergencyPlan', input, reload: (tx, id) => tx.emergencyPlan.findUnique({ where: { id } }) });
    return { plan: value, userErrors };
  },

  reviseEmergencyPlan: async (_parent, { input }, context) => {
    const v = new Validation();
    const planId = v.id('planId', input.planId);
    const issuedOn = v.date('issuedOn', input.issuedOn, todayIso());
    const changes = v.text('changes', input.changes, { max: 2000 });
    await checkPlanAccess(context, v, planId, input.planId);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const plan = await tx.emergencyPlan.findUnique({ where: { id: planId! } });
      if (!plan) throw refuse('planId', 'NOT_FOUND', `no emergency plan has the id "${input.planId}"`);
      const versions = planVersions(await tx.emergencyPlanVersion.findMany({ where: { planId: plan.id } }));
      const check = checkRevision(versions, issuedOn!);
      if (!check.ok) throw refuse(check.field, check.code, check.message);
      const next = Math.max(0, ...versions.map((x) => x.version)) + 1;
      // The unique (plan, version) index refuses a concurrent revision with the same number.
      await tx.emergencyPlanVersion.create({ data: { id: randomUUID(), planId: plan.id, version: next, issuedOn: toDate(issuedOn!), changes: changes! } });
      return plan;
    }, { operation: 'reviseEmergencyPlan', input, reload: (tx, id) => tx.emergencyPlan.findUnique({ where: { id } }) });
    return { plan: value, userErrors };
  },

  approveEmergencyPlan: async (_parent, { input }, context) => {
    const v = new Validation();
    const planId = v.id('planId', input.planId);
    const approvedOn = v.date('approvedOn', input.approvedOn, todayIso());
    const approvedBy = v.text('approvedBy', input.approvedBy, { max: 100 });
    await checkPlanAccess(context, v, planId, input.planId);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const plan = await tx.emergencyPlan.findUnique({ where: { id: planId! } });
      if (!plan) throw refuse('planId', 'NOT_FOUND', `no emergency plan has the id "${input.planId}"`);
      const rows = await tx.emergencyPlanVersion.findMany({ where: { planId: plan.id } });
      const check = checkApproval(planVersions(rows), input.version, approvedOn!);
      if (!check.ok) throw refuse(check.field, check.code, check.message);
      const { count } = await tx.emergencyPlanVersion.updateMany({
        where: { planId: plan.id, version: input.version, approvedOn: null },
        data: { approvedOn: toDate(approvedOn!), approvedBy: approvedBy! },
      });
      if (count !== 1) throw refuse('version', 'CONFLICT', 'the version was approved by someone else meanwhile');
      return plan;
    }, { operation: 'approveEmergencyPlan', input, reload: (tx, id) => tx.emergencyPlan.findUnique({ where: { id } }) });
    return { plan: value, userErrors };
  },

  recordDrill: async (_parent, { input }, context) => {
    const v = new Validation();
    const planId = v.id('planId', input.planId);
    const heldOn = v.date('heldOn', input.heldOn, todayIso());
    const location = v.text('location', input.location, { max: 200 });
    const scenario = v.text('scenario', input.scenario);
    const findings = v.text('findings', input.findings, { max: 2000 });
    v.intBetween('participants', input.participants, 1, MAX_PARTICIPANTS);
    await checkPlanAccess(context, v, planId, input.planId);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const plan = await tx.emergencyPlan.findUnique({ where: { id: planId! } });
      if (!plan) throw refuse('planId', 'NOT_FOUND', `no emergency plan has the id "${input.planId}"`);
      const approved = await tx.emergencyPlanVersion.findFirst({ where: { planId: plan.id, approvedOn: { lte: toDate(heldOn!) } } });
      if (!approved) throw refuse('planId', 'RULE_VIOLATION', `the plan had no approved version on ${heldOn}; drills follow an approved plan`);
      return tx.drill.create({
        data: { id: randomUUID(), planId: plan.id, heldOn: toDate(heldOn!), location: location!, scenario: scenario!, participants: input.participants, rating: input.rating, findings: findings! },
      });
    }, { operation: 'recordDrill', input, reload: (tx, id) => tx.drill.findUnique({ where: { id } }) });
    return { drill: value, userErrors };
  },

  createCorrectiveAction: async (_parent, { input }, context) => {
    const v = new Validation();
    const programmeId = v.id('programmeId', input.programmeId);
    const reviewId = v.id('reviewId', input.reviewId);
    const title = v.text('title', input.title);
    const owner = v.text('owner', input.owner, { max: 100 });
    const note = v.text('note', input.note, { required: false });
    const dueDate = v.date('dueDate', input.dueDate);
    await checkProgrammeAccess(context, v, 'programmeId', programmeId, `no programme has the id "${input.programmeId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const programme = await tx.programme.findUnique({ where: { id: programmeId! } });
      if (!programme) throw refuse('programmeId', 'NOT_FOUND', `no programme has the id "${input.programmeId}"`);
      if (reviewId) {
        const review = await tx.review.findUnique({ where: { id: reviewId } });
        if (!review) throw refuse('reviewId', 'NOT_FOUND', `no review has the id "${input.reviewId}"`);
        if (review.programmeId !== programme.id) throw refuse('reviewId', 'RULE_VIOLATION', 'the review belongs to another programme');
        if (dueDate! < toIsoDate(review.reviewedOn)) throw refuse('dueDate', 'INVALID', `the action is due before the review that raised it (${toIsoDate(review.reviewedOn)})`);
      }
      return tx.correctiveAction.create({ data: { id: randomUUID(), programmeId: programme.id, reviewId, title: title!, source: input.source, owner: owner!, dueDate: toDate(dueDate!), note } });
    }, { operation: 'createCorrectiveAction', input, reload: (tx, id) => tx.correctiveAction.findUnique({ where: { id } }) });
    return { action: value, userErrors };
  },

  updateCorrectiveActionStatus: async (_parent, { input }, context) => {
    const v = new Validation();
    const today = todayIso();
    const actionId = v.id('actionId', input.actionId);
    const completedOn = input.completedOn ? v.date('completedOn', input.completedOn) : null;
    const note = v.text('note', input.note, { required: false });
    const actionProgrammeId = await programmeOf((id) => context.loaders.actionById.load(id), actionId);
    await checkProgrammeAccess(context, v, 'actionId', actionProgrammeId, `no corrective action has the id "${input.actionId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const action = await tx.correctiveAction.findUnique({ where: { id: actionId! } });
      if (!action) throw refuse('actionId', 'NOT_FOUND', `no corrective action has the id "${input.actionId}"`);
      const check = checkActionTransition(action.status, input.status, completedOn, today);
      if (!check.ok) throw refuse(check.field, check.code, check.message);
      const { count } = await tx.correctiveAction.updateMany({
        where: { id: action.id, status: action.status },
        data: { status: input.status, completedOn: completedOn ? toDate(completedOn) : null, ...(note ? { note } : {}) },
      });
      if (count !== 1) throw refuse('actionId', 'CONFLICT', 'the action was changed by someone else; read it again');
      return (await tx.correctiveAction.findUnique({ where: { id: action.id } }))!;
    }, { operation: 'updateCorrectiveActionStatus', input, reload: (tx, id) => tx.correctiveAction.findUnique({ where: { id } }) });
    return { action: value, userErrors };
  },

  recordReview: async (_parent, { input }, context) => {
    const v = new Validation();
    const programmeId = v.id('programmeId', input.programmeId);
    const periodFrom = v.date('periodFrom', input.periodFrom);
    const periodTo = v.date('periodTo', input.periodTo);
    const reviewedOn = v.date('reviewedOn', input.reviewedOn, todayIso());
    if (periodFrom && periodTo && periodTo < periodFrom) v.add('periodTo', 'INVALID', 'the period ends before it starts');
    if (periodTo && reviewedOn && reviewedOn < periodTo) v.add('reviewedOn', 'INVALID', 'a review is held after the period it reviews');
    const reviewer = v.text('reviewer', input.reviewer, { max: 100 });
    const findings = v.text('findings', input.findings, { max: 4000 });
    const conclusion = v.text('conclusion', input.conclusion, { max: 2000 });
    await checkProgrammeAccess(context, v, 'programmeId', programmeId, `no programme has the id "${input.programmeId}"`);
    const { value, userErrors } = await write(context, v, async (tx) => {
      const programme = await tx.programme.findUnique({ where: { id: programmeId! } });
      if (!programme) throw refuse('programmeId', 'NOT_FOUND', `no programme has the id "${input.programmeId}"`);
      return tx.review.create({
        data: {
          id: randomUUID(),
          programmeId: programme.id,
          kind: input.kind,
          periodFrom: toDate(periodFrom!),
          periodTo: toDate(periodTo!),
          reviewedOn: toDate(reviewedOn!),
          reviewer: reviewer!,
          findings: findings!,
          conclusion: conclusion!,
        },
      });
    }, { operation: 'recordReview', input, reload: (tx, id) => tx.review.findUnique({ where: { id } }) });
    return { review: value, userErrors };
  },
};
