import { toIsoDate } from '@hub/scalars';
import type {
  AdvanceDibaoApplicationInput,
  FileConflictOfInterestInput,
  RegisterReliefOfficerInput,
  RejectDibaoApplicationInput,
  SubmitDibaoApplicationInput,
} from '../../generated/resolvers-types';
import { monthlyAmount, standardInForce } from '../../domain/standards';
import { isDibao, normalisedStatus } from '../../domain/status';
import { dibaoCategory, dibaoSubsidy, perCapitaIncome } from '../../domain/subsidy';
import type { CadreRelatives } from '../community';
import { conflictedMembers, isOpen, stepRefusal, type Stage } from '../../domain/workflow';
import type { CivilAffairsDb } from '../db';
import type { ApplicationRow, FilingRow, OfficerRow } from '../models';
import { byId, newId, runMutation, UserErrors, type MutationResult, type Sees, type Tx } from './support';
import { standardOf, toDate } from './rows';

const MAX_MEMBERS = 20;

const reloadApplication = (tx: Tx, id: string): Promise<ApplicationRow | null> => tx.dibaoApplication.findUnique({ where: { id } });

/** The category the form's declared facts point to (分类施保), or null when they were not declared. */
export function suggestedCategory(application: Pick<ApplicationRow, 'membersAbleToWork' | 'vulnerableMembers' | 'perCapitaIncome'>): 'A' | 'B' | 'C' | null {
  if (application.membersAbleToWork === null || application.vulnerableMembers === null) return null;
  return dibaoCategory({ anyoneAbleToWork: application.membersAbleToWork > 0, perCapitaIncomeFen: application.perCapitaIncome, vulnerableMembers: application.vulnerableMembers });
}

/** The monthly subsidy an application would get on a day, at the standard then in force (0 without one). */
export function subsidyOn(application: Pick<ApplicationRow, 'programme' | 'regionCode' | 'perCapitaIncome' | 'memberIds'>, standards: Parameters<typeof standardOf>[0][], day: string): bigint {
  const standard = standardInForce(standards.map(standardOf), application.programme, application.regionCode, day);
  return standard ? dibaoSubsidy(monthlyAmount(standard), application.perCapitaIncome, application.memberIds.length) : 0n;
}

async function hasActiveDibao(tx: Tx, householdId: string, today: string): Promise<boolean> {
  const rows = await tx.enrolment.findMany({ where: { householdId, programme: { in: ['URBAN_DIBAO', 'RURAL_DIBAO'] } } });
  return rows.some(
    (e) => normalisedStatus({ status: e.status, terminationReason: e.terminationReason, startDate: toIsoDate(e.startDate), endDate: e.endDate ? toIsoDate(e.endDate) : null }, today) !== 'ENDED' &&
      e.terminationReason !== 'DECEASED',
  );
}

export async function submitDibaoApplication(db: CivilAffairsDb, input: SubmitDibaoApplicationInput, today: string): Promise<MutationResult<ApplicationRow>> {
  const errors = new UserErrors();
  if (!isDibao(input.programme)) errors.add('programme', 'INVALID', 'an application is for URBAN_DIBAO or RURAL_DIBAO');
  errors.uuid('householdId', input.householdId);
  errors.uuid('applicantId', input.applicantId);
  const members = input.memberIds;
  if (members.length < 1 || members.length > MAX_MEMBERS) errors.add('memberIds', 'INVALID', `an application covers 1 to ${MAX_MEMBERS} members`);
  else if (new Set(members).size !== members.length) errors.add('memberIds', 'INVALID', 'a member is listed twice');
  else {
    const wellFormed = members.map((id, i) => errors.uuid(`memberIds.${i}`, id)).every(Boolean);
    if (wellFormed && !members.includes(input.applicantId)) errors.add('applicantId', 'INVALID', 'the applicant must be one of the members');
  }
  errors.region('regionCode', input.regionCode, { community: true });
  errors.money('declaredMonthlyIncome', input.declaredMonthlyIncome);
  errors.money('declaredAssets', input.declaredAssets);
  const submittedOn = errors.date('submittedOn', input.submittedOn, { notAfter: today });
  const officerName = errors.text('officerName', input.officerName, { max: 50 });
  for (const field of ['membersAbleToWork', 'vulnerableMembers'] as const) {
    const value = input[field];
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 0 || value > members.length)) errors.add(field, 'INVALID', `${field} must be 0 to the number of members`);
  }
  return runMutation(db, errors, async (tx) => {
    if (await tx.dibaoApplication.findFirst({ where: { householdId: input.householdId, stage: { notIn: ['ENROLLED', 'REJECTED'] } } })) {
      errors.add('householdId', 'DUPLICATE', 'the household already has an open application');
      return null;
    }
    if (await hasActiveDibao(tx, input.householdId, today)) {
      errors.add('householdId', 'RULE_VIOLATION', 'the household already receives dibao; its annual review updates the enrolment');
      return null;
    }
    const dead = await tx.deathRecord.findMany({ where: { personId: { in: [...members] } } });
    if (dead.length > 0) {
      errors.add('memberIds', 'RULE_VIOLATION', `a death is recorded for ${dead.map((d) => d.personId).join(', ')}`);
      return null;
    }
    const id = newId();
    const application = await tx.dibaoApplication.create({
      data: {
        id,
        programme: input.programme,
        householdId: input.householdId,
        applicantId: input.applicantId,
        memberIds: [...members],
        regionCode: input.regionCode,
        declaredMonthlyIncome: input.declaredMonthlyIncome,
        declaredAssets: input.declaredAssets,
        perCapitaIncome: perCapitaIncome(input.declaredMonthlyIncome, members.length),
        membersAbleToWork: input.membersAbleToWork ?? null,
        vulnerableMembers: input.vulnerableMembers ?? null,
        submittedOn: toDate(submittedOn!),
      },
    });
    await tx.applicationStep.create({ data: { id: newId(), applicationId: id, stage: 'SUBMITTED', officerName: officerName!, date: toDate(submittedOn!) } });
    return application;
  }, byId('submitDibaoApplication', input, reloadApplication));
}

/** Members of the application who are near relatives of a relief officer. */
export async function officerRelativesAmong(tx: Tx, memberIds: string[]): Promise<string[]> {
  const rows = await tx.officerRelative.findMany({ where: { personId: { in: memberIds } }, select: { personId: true } });
  return rows.map((r) => r.personId);
}

async function takeStep(
  tx: Tx,
  sees: Sees,
  errors: UserErrors,
  today: string,
  step: { applicationId: string; to: Stage; date: string; officerName: string; note: string | null; category?: 'A' | 'B' | 'C' | null; expectedVersion?: number | null },
  /** Members who are near relatives of a community cadre (read from community before the transaction). */
  cadreRelatives: string[] = [],
): Promise<ApplicationRow | null> {
  const application = await tx.dibaoApplication.findUnique({ where: { id: step.applicationId } });
  if (!application || !sees(application.regionCode)) {
    errors.add('applicationId', 'NOT_FOUND', 'no application has this id');
    return null;
  }
  if (step.expectedVersion !== null && step.expectedVersion !== undefined && step.expectedVersion !== application.version) {
    errors.add('expectedVersion', 'CONFLICT', `the application is at version ${application.version}: read it again`);
    return null;
  }
  const [last, filing, relatives, standards] = await Promise.all([
    tx.applicationStep.findFirst({ where: { applicationId: application.id }, orderBy: [{ date: 'desc' }] }),
    tx.conflictFiling.findUnique({ where: { applicationId: application.id } }),
    officerRelativesAmong(tx, application.memberIds),
    tx.assistanceStandard.findMany({ where: { programme: application.programme } }),
  ]);
  const subsidy = subsidyOn(application, standards, step.date);
  if (step.to === 'APPROVED' && !step.category && !suggestedCategory(application)) {
    errors.add('category', 'REQUIRED', 'approval sets the category A, B or C; the form declares no facts to suggest one');
    return null;
  }
  const refusal = stepRefusal({
    from: application.stage,
    to: step.to,
    date: step.date,
    today,
    lastStepDate: toIsoDate(last?.date ?? application.submittedOn),
    publicityStartedOn: application.publicityStartedOn ? toIsoDate(application.publicityStartedOn) : null,
    // Relief officers' relatives (own tables) and community cadres' relatives (community subgraph).
    conflictedMembers: conflictedMembers(application.memberIds, [...relatives, ...cadreRelatives]),
    hasFiling: filing !== null,
    subsidyFen: subsidy,
  });
  if (refusal) {
    errors.add(refusal.field, refusal.code, refusal.message);
    return null;
  }
  let enrolmentId: string | null = null;
  if (step.to === 'ENROLLED') {
    if (await hasActiveDibao(tx, application.householdId, step.date)) {
      errors.add('applicationId', 'RULE_VIOLATION', 'the household already receives dibao');
      return null;
    }
    enrolmentId = newId();
    await tx.enrolment.create({
      data: {
        id: enrolmentId,
        programme: application.programme,
        householdId: application.householdId,
        personId: application.applicantId,
        regionCode: application.regionCode,
        category: application.category,
        memberCount: application.memberIds.length,
        monthlyAmount: subsidy,
        perCapitaIncome: application.perCapitaIncome,
        startDate: toDate(step.date),
      },
    });
  }
  const { count } = await tx.dibaoApplication.updateMany({
    where: { id: application.id, version: application.version },
    data: {
      stage: step.to,
      version: { increment: 1 },
      ...(step.to === 'APPROVED' ? { category: step.category ?? suggestedCategory(application)! } : {}),
      ...(step.to === 'PUBLICIZED' ? { publicityStartedOn: toDate(step.date) } : {}),
      ...(step.to === 'REJECTED' ? { rejectionReason: step.note! } : {}),
      ...(enrolmentId ? { enrolmentId } : {}),
    },
  });
  if (count !== 1) {
    errors.add('applicationId', 'CONFLICT', 'the application changed meanwhile; read it again');
    return null;
  }
  await tx.applicationStep.create({
    data: { id: newId(), applicationId: application.id, stage: step.to, officerName: step.officerName, date: toDate(step.date), note: step.note },
  });
  return tx.dibaoApplication.findUnique({ where: { id: application.id } });
}

export async function advanceDibaoApplication(
  db: CivilAffairsDb,
  input: AdvanceDibaoApplicationInput,
  today: string,
  cadres: CadreRelatives,
  sees: Sees,
): Promise<MutationResult<ApplicationRow>> {
  const errors = new UserErrors();
  errors.uuid('applicationId', input.applicationId);
  if (input.stage === 'SUBMITTED' || input.stage === 'REJECTED') errors.add('stage', 'INVALID', input.stage === 'REJECTED' ? 'reject with rejectDibaoApplication, which needs a reason' : 'an application is submitted once');
  if (input.stage !== 'APPROVED' && input.category) errors.add('category', 'INVALID', 'the category is set at approval');
  const date = errors.date('date', input.date);
  const officerName = errors.text('officerName', input.officerName, { max: 50 });
  const note = errors.text('note', input.note, { required: false, max: 1000 });
  // Approval needs community's answer on cadre relatives: asked before the transaction opens, and no answer
  // means no approval (the filing rule must not be skipped because community is down).
  let cadreRelatives: string[] = [];
  if (input.stage === 'APPROVED' && !errors.any) {
    const application = await db.prisma.dibaoApplication.findUnique({ where: { id: input.applicationId }, select: { memberIds: true, regionCode: true } });
    // An application outside the jurisdiction is refused in the transaction (NOT_FOUND); community is not asked about it.
    if (application && sees(application.regionCode)) {
      try {
        cadreRelatives = await cadres.among(application.memberIds);
      } catch (error) {
        errors.add('applicationId', 'RULE_VIOLATION', `community cadres' near relatives cannot be checked now (${(error as Error).message}); approve again later`);
      }
    }
  }
  return runMutation(db, errors, (tx) =>
    takeStep(tx, sees, errors, today, { applicationId: input.applicationId, to: input.stage, date: date!, officerName: officerName!, note, category: input.category, expectedVersion: input.expectedVersion }, cadreRelatives),
    byId('advanceDibaoApplication', input, reloadApplication),
  );
}

export async function rejectDibaoApplication(db: CivilAffairsDb, input: RejectDibaoApplicationInput, today: string, sees: Sees): Promise<MutationResult<ApplicationRow>> {
  const errors = new UserErrors();
  errors.uuid('applicationId', input.applicationId);
  const date = errors.date('date', input.date);
  const officerName = errors.text('officerName', input.officerName, { max: 50 });
  const reason = errors.text('reason', input.reason, { max: 1000 });
  return runMutation(db, errors, (tx) =>
    takeStep(tx, sees, errors, today, { applicationId: input.applicationId, to: 'REJECTED', date: date!, officerName: officerName!, note: reason!, expectedVersion: input.expectedVersion }),
    byId('rejectDibaoApplication', input, reloadApplication),
  );
}

export async function fileConflictOfInterest(db: CivilAffairsDb, input: FileConflictOfInterestInput, today: string, sees: Sees): Promise<MutationResult<FilingRow>> {
  const errors = new UserErrors();
  errors.uuid('applicationId', input.applicationId);
  if (input.relatedPersonIds.length === 0) errors.add('relatedPersonIds', 'REQUIRED', 'name the members the filing covers');
  input.relatedPersonIds.forEach((id, i) => errors.uuid(`relatedPersonIds.${i}`, id));
  const filedBy = errors.text('filedBy', input.filedBy, { max: 50 });
  const filedOn = errors.date('filedOn', input.filedOn, { notAfter: today });
  const note = errors.text('note', input.note, { max: 1000 });
  return runMutation(db, errors, async (tx) => {
    const application = await tx.dibaoApplication.findUnique({ where: { id: input.applicationId } });
    if (!application || !sees(application.regionCode)) {
      errors.add('applicationId', 'NOT_FOUND', 'no application has this id');
      return null;
    }
    const before: Stage[] = ['SUBMITTED', 'HOME_VISITED', 'APPRAISED', 'REVIEWED'];
    if (!isOpen(application.stage) || !before.includes(application.stage)) {
      errors.add('applicationId', 'INVALID_TRANSITION', `a filing is made before approval; the application is ${application.stage}`);
      return null;
    }
    const outsiders = input.relatedPersonIds.filter((id) => !application.memberIds.includes(id));
    if (outsiders.length > 0) {
      errors.add('relatedPersonIds', 'INVALID', `not members of the application: ${outsiders.join(', ')}`);
      return null;
    }
    if (await tx.conflictFiling.findUnique({ where: { applicationId: application.id } })) {
      errors.add('applicationId', 'DUPLICATE', 'the application already has a filing');
      return null;
    }
    return tx.conflictFiling.create({
      data: { id: newId(), applicationId: application.id, relatedPersonIds: [...new Set(input.relatedPersonIds)], filedBy: filedBy!, filedOn: toDate(filedOn!), note: note! },
    });
  }, byId('fileConflictOfInterest', input, (tx, id) => tx.conflictFiling.findUnique({ where: { id } })));
}

export async function registerReliefOfficer(db: CivilAffairsDb, input: RegisterReliefOfficerInput): Promise<MutationResult<OfficerRow>> {
  const errors = new UserErrors();
  const name = errors.text('name', input.name, { max: 50 });
  errors.region('regionCode', input.regionCode);
  const relations: string[] = [];
  input.relatives.forEach((r, i) => {
    errors.uuid(`relatives.${i}.personId`, r.personId);
    relations.push(errors.text(`relatives.${i}.relation`, r.relation, { max: 20 }) ?? '');
  });
  if (new Set(input.relatives.map((r) => r.personId)).size !== input.relatives.length) errors.add('relatives', 'INVALID', 'a relative is listed twice');
  return runMutation(db, errors, async (tx) => {
    const officer = await tx.reliefOfficer.create({ data: { id: newId(), name: name!, regionCode: input.regionCode } });
    await tx.officerRelative.createMany({ data: input.relatives.map((r, i) => ({ id: newId(), officerId: officer.id, personId: r.personId, relation: relations[i]! })) });
    return officer;
  }, byId('registerReliefOfficer', input, (tx, id) => tx.reliefOfficer.findUnique({ where: { id } })));
}
