import { toIsoDate } from '@hub/scalars';
import { checkCreditCode } from '@hub/identifiers';
import type {
  AdmitToCareInstitutionInput,
  AdvanceHouseRebuildingInput,
  DischargeFromCareInstitutionInput,
  GrantTemporaryAssistanceInput,
  IssueGloryPlaqueInput,
  RecordCondolenceInput,
  RecordDisabilityInput,
  RecordMedicalAssistanceInput,
  RegisterCareInstitutionInput,
  RegisterSpecialCareRecipientInput,
  ReportHouseCollapseInput,
} from '../../generated/resolvers-types';
import { addDays } from '../../domain/dates';
import { certificateRefusal, hasRoom, medicalClaimRefusal, rebuildingRefusal } from '../../domain/records';
import { monthlyAmount, standardInForce } from '../../domain/standards';
import type { CivilAffairsDb } from '../db';
import type { CondolenceRow, DisabilityRow, InstitutionRow, MedicalRow, PlaqueRow, RebuildingRow, ResidenceRow, SpecialCareRow, TemporaryRow } from '../models';
import { currentProgrammes } from './enrolments';
import { byId, newId, runMutation, UserErrors, type MutationResult, type Sees, type Tx } from './support';
import { standardOf, toDate } from './rows';

async function refuseIfDead(tx: Tx, errors: UserErrors, field: string, personId: string): Promise<boolean> {
  if (await tx.deathRecord.findUnique({ where: { personId } })) {
    errors.add(field, 'RULE_VIOLATION', 'a death is recorded for this person');
    return true;
  }
  return false;
}

const reloadResidence = (tx: Tx, id: string): Promise<ResidenceRow | null> => tx.careResidence.findUnique({ where: { id } });
const reloadRebuilding = (tx: Tx, id: string): Promise<RebuildingRow | null> => tx.houseRebuilding.findUnique({ where: { id } });

/** Goods need a description when they carry a value. */
function goods(errors: UserErrors, inKind: string | null | undefined, value: bigint): string | null {
  errors.money('inKindValue', value);
  const text = errors.text('inKind', inKind, { required: value > 0n, max: 500 });
  return text;
}

export async function recordDisability(db: CivilAffairsDb, input: RecordDisabilityInput, today: string, sees: Sees): Promise<MutationResult<DisabilityRow>> {
  const errors = new UserErrors();
  errors.uuid('personId', input.personId);
  errors.region('regionCode', input.regionCode, { community: true });
  const issuedDate = errors.date('issuedDate', input.issuedDate, { notAfter: today });
  const certificate = input.certificateNumber.trim().toUpperCase();
  if (!Number.isInteger(input.grade) || input.grade < 1 || input.grade > 4) errors.add('grade', 'INVALID', 'grade must be 1, 2, 3 or 4');
  else {
    const refusal = certificateRefusal(certificate, input.category, input.grade);
    if (refusal) errors.add('certificateNumber', 'INVALID', refusal);
  }
  return runMutation(db, errors, async (tx) => {
    const other = await tx.disabilityRecord.findUnique({ where: { certificateNumber: certificate } });
    if (other && other.personId !== input.personId) {
      errors.add('certificateNumber', 'DUPLICATE', 'another person holds this certificate number');
      return null;
    }
    // A re-assessment replaces the person's record: only where the caller may see the record it replaces.
    const current = await tx.disabilityRecord.findUnique({ where: { personId: input.personId } });
    if (current && !sees(current.regionCode)) {
      errors.add('personId', 'RULE_VIOLATION', "the person's certificate is recorded by a region outside your jurisdiction; that region re-issues it");
      return null;
    }
    const data = { regionCode: input.regionCode, category: input.category, grade: input.grade, certificateNumber: certificate, issuedDate: toDate(issuedDate!) };
    // A re-assessment re-issues the certificate: the person keeps one record with the latest grade.
    return tx.disabilityRecord.upsert({ where: { personId: input.personId }, create: { id: newId(), personId: input.personId, ...data }, update: data });
  }, byId('recordDisability', input, (tx, id) => tx.disabilityRecord.findUnique({ where: { id } })));
}

export async function recordMedicalAssistance(db: CivilAffairsDb, input: RecordMedicalAssistanceInput, today: string): Promise<MutationResult<MedicalRow>> {
  const errors = new UserErrors();
  errors.uuid('personId', input.personId);
  errors.uuid('householdId', input.householdId);
  errors.region('regionCode', input.regionCode, { community: true });
  const claimDate = errors.date('claimDate', input.claimDate, { notAfter: today });
  const diagnosis = errors.text('diagnosis', input.diagnosis, { max: 200 });
  const refusal = medicalClaimRefusal({ totalCostFen: input.totalCost, insurancePaidFen: input.insurancePaid, amountFen: input.amount });
  if (refusal) errors.add(refusal.field, 'INVALID', refusal.message);
  return runMutation(db, errors, (tx) => {
    // No death check: the family may claim for treatment before the death.
    return tx.medicalAssistance.create({
      data: {
        id: newId(),
        personId: input.personId,
        householdId: input.householdId,
        regionCode: input.regionCode,
        rural: input.rural,
        claimDate: toDate(claimDate!),
        diagnosis: diagnosis!,
        totalCost: input.totalCost,
        insurancePaid: input.insurancePaid,
        amount: input.amount,
      },
    });
  }, byId('recordMedicalAssistance', input, (tx, id) => tx.medicalAssistance.findUnique({ where: { id } })));
}

export async function grantTemporaryAssistance(db: CivilAffairsDb, input: GrantTemporaryAssistanceInput, today: string): Promise<MutationResult<TemporaryRow>> {
  const errors = new UserErrors();
  errors.uuid('householdId', input.householdId);
  if (input.personId) errors.uuid('personId', input.personId);
  errors.region('regionCode', input.regionCode, { community: true });
  const grantedOn = errors.date('grantedOn', input.grantedOn, { notAfter: today });
  errors.money('cash', input.cash);
  const value = input.inKindValue ?? 0n;
  const inKind = goods(errors, input.inKind, value);
  if (input.cash + value <= 0n) errors.add('cash', 'INVALID', 'a grant gives cash, goods or both');
  return runMutation(db, errors, async (tx) => {
    if (input.personId && (await refuseIfDead(tx, errors, 'personId', input.personId))) return null;
    return tx.temporaryAssistance.create({
      data: {
        id: newId(),
        householdId: input.householdId,
        personId: input.personId ?? null,
        regionCode: input.regionCode,
        grantedOn: toDate(grantedOn!),
        reason: input.reason,
        cash: input.cash,
        inKind,
        inKindValue: value,
      },
    });
  }, byId('grantTemporaryAssistance', input, (tx, id) => tx.temporaryAssistance.findUnique({ where: { id } })));
}

export async function registerCareInstitution(db: CivilAffairsDb, input: RegisterCareInstitutionInput, today: string): Promise<MutationResult<InstitutionRow>> {
  const errors = new UserErrors();
  const name = errors.text('name', input.name, { max: 100 });
  const code = checkCreditCode(input.creditCode);
  if (!code.valid) errors.add('creditCode', 'INVALID', code.message);
  errors.region('regionCode', input.regionCode);
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000) errors.add('capacity', 'INVALID', 'capacity must be 1 to 10,000 beds');
  const openedOn = input.openedOn === null || input.openedOn === undefined ? null : errors.date('openedOn', input.openedOn, { notAfter: today });
  return runMutation(db, errors, async (tx) => {
    const creditCode = code.valid ? code.normalized : '';
    if (await tx.careInstitution.findUnique({ where: { creditCode } })) {
      errors.add('creditCode', 'DUPLICATE', 'an institution with this credit code is registered');
      return null;
    }
    return tx.careInstitution.create({ data: { id: newId(), name: name!, creditCode, regionCode: input.regionCode, capacity: input.capacity, openedOn: openedOn ? toDate(openedOn) : null } });
  }, byId('registerCareInstitution', input, (tx, id) => tx.careInstitution.findUnique({ where: { id } })));
}

/**
 * Admission; with centralised support the person's dispersed 特困 enrolment ends the day before and a
 * centralised one starts on the day of admission, at the standard then in force.
 */
export async function admitToCareInstitution(db: CivilAffairsDb, input: AdmitToCareInstitutionInput, today: string, sees: Sees): Promise<MutationResult<ResidenceRow>> {
  const errors = new UserErrors();
  errors.uuid('institutionId', input.institutionId);
  errors.uuid('personId', input.personId);
  errors.uuid('householdId', input.householdId);
  errors.region('regionCode', input.regionCode, { community: true });
  const admittedOn = errors.date('admittedOn', input.admittedOn, { notAfter: today });
  return runMutation(db, errors, async (tx) => {
    // Lock the institution row so two admissions cannot both take the last bed.
    const [institution] = await tx.$queryRaw<Pick<InstitutionRow, 'id' | 'capacity' | 'regionCode'>[]>`
      SELECT id, capacity, region_code AS "regionCode" FROM "civil_affairs"."care_institution" WHERE id = ${input.institutionId}::uuid FOR UPDATE`;
    if (!institution || !sees(institution.regionCode)) {
      errors.add('institutionId', 'NOT_FOUND', 'no institution has this id');
      return null;
    }
    if (await refuseIfDead(tx, errors, 'personId', input.personId)) return null;
    if (await tx.careResidence.findFirst({ where: { personId: input.personId, leftOn: null } })) {
      errors.add('personId', 'DUPLICATE', 'the person already lives in a care institution');
      return null;
    }
    const residents = await tx.careResidence.count({ where: { institutionId: institution.id, leftOn: null } });
    if (!hasRoom(institution.capacity, residents)) {
      errors.add('institutionId', 'RULE_VIOLATION', `the institution is full (${institution.capacity} beds)`);
      return null;
    }
    if (input.centralisedSupport) {
      const programmes = await currentProgrammes(tx, input.personId, admittedOn!);
      if (programmes.includes('TEKUN_CENTRALISED')) {
        errors.add('personId', 'DUPLICATE', 'the person is already in centralised support');
        return null;
      }
      if (!programmes.includes('TEKUN_DISPERSED')) {
        errors.add('centralisedSupport', 'RULE_VIOLATION', 'centralised support is for 特困 persons: enrol the person in dispersed support first');
        return null;
      }
      const standard = standardInForce((await tx.assistanceStandard.findMany({ where: { programme: 'TEKUN_CENTRALISED' } })).map(standardOf), 'TEKUN_CENTRALISED', input.regionCode, admittedOn!);
      if (!standard) {
        errors.add('admittedOn', 'RULE_VIOLATION', `no centralised-support standard is in force on ${admittedOn}`);
        return null;
      }
      await tx.enrolment.updateMany({
        where: { personId: input.personId, programme: 'TEKUN_DISPERSED', status: { not: 'TERMINATED' } },
        data: { status: 'TERMINATED', terminationReason: 'ADMITTED_TO_INSTITUTION', endDate: toDate(addDays(admittedOn!, -1)) },
      });
      await tx.enrolment.create({
        data: {
          id: newId(),
          programme: 'TEKUN_CENTRALISED',
          householdId: input.householdId,
          personId: input.personId,
          regionCode: input.regionCode,
          monthlyAmount: monthlyAmount(standard),
          startDate: toDate(admittedOn!),
        },
      });
    }
    return tx.careResidence.create({
      data: { id: newId(), institutionId: institution.id, personId: input.personId, admittedOn: toDate(admittedOn!), centralisedSupport: input.centralisedSupport },
    });
  }, byId('admitToCareInstitution', input, reloadResidence));
}

export async function dischargeFromCareInstitution(db: CivilAffairsDb, input: DischargeFromCareInstitutionInput, today: string, sees: Sees): Promise<MutationResult<ResidenceRow>> {
  const errors = new UserErrors();
  errors.uuid('residenceId', input.residenceId);
  const leftOn = errors.date('leftOn', input.leftOn, { notAfter: today });
  return runMutation(db, errors, async (tx) => {
    const stay = await tx.careResidence.findUnique({ where: { id: input.residenceId } });
    // A stay belongs to the institution's region.
    const institution = stay ? await tx.careInstitution.findUnique({ where: { id: stay.institutionId }, select: { regionCode: true } }) : null;
    if (!stay || !sees(institution?.regionCode)) {
      errors.add('residenceId', 'NOT_FOUND', 'no stay has this id');
      return null;
    }
    if (stay.leftOn) {
      errors.add('residenceId', 'INVALID_TRANSITION', `the resident left on ${toIsoDate(stay.leftOn)}`);
      return null;
    }
    if (leftOn! < toIsoDate(stay.admittedOn)) {
      errors.add('leftOn', 'INVALID', 'a resident cannot leave before admission');
      return null;
    }
    return tx.careResidence.update({ where: { id: stay.id }, data: { leftOn: toDate(leftOn!) } });
  }, byId('dischargeFromCareInstitution', input, reloadResidence));
}

export async function registerSpecialCareRecipient(db: CivilAffairsDb, input: RegisterSpecialCareRecipientInput, today: string): Promise<MutationResult<SpecialCareRow>> {
  const errors = new UserErrors();
  errors.uuid('personId', input.personId);
  errors.uuid('householdId', input.householdId);
  errors.region('regionCode', input.regionCode, { community: true });
  const registeredOn = errors.date('registeredOn', input.registeredOn, { notAfter: today });
  return runMutation(db, errors, async (tx) => {
    if (await tx.specialCareRecipient.findUnique({ where: { personId: input.personId } })) {
      errors.add('personId', 'DUPLICATE', 'the person is already registered for special care');
      return null;
    }
    return tx.specialCareRecipient.create({
      data: { id: newId(), personId: input.personId, householdId: input.householdId, regionCode: input.regionCode, category: input.category, registeredOn: toDate(registeredOn!) },
    });
  }, byId('registerSpecialCareRecipient', input, (tx, id) => tx.specialCareRecipient.findUnique({ where: { id } })));
}

export async function issueGloryPlaque(db: CivilAffairsDb, input: IssueGloryPlaqueInput, today: string): Promise<MutationResult<PlaqueRow>> {
  const errors = new UserErrors();
  errors.uuid('householdId', input.householdId);
  errors.region('regionCode', input.regionCode, { community: true });
  const issuedOn = errors.date('issuedOn', input.issuedOn, { notAfter: today });
  return runMutation(db, errors, async (tx) => {
    if ((await tx.specialCareRecipient.count({ where: { householdId: input.householdId } })) === 0) {
      errors.add('householdId', 'RULE_VIOLATION', 'the plaque goes to households of registered special care recipients');
      return null;
    }
    if (await tx.gloryPlaque.findUnique({ where: { householdId: input.householdId } })) {
      errors.add('householdId', 'DUPLICATE', 'the household already has its plaque');
      return null;
    }
    return tx.gloryPlaque.create({ data: { id: newId(), householdId: input.householdId, regionCode: input.regionCode, issuedOn: toDate(issuedOn!) } });
  }, byId('issueGloryPlaque', input, (tx, id) => tx.gloryPlaque.findUnique({ where: { id } })));
}

export async function recordCondolence(db: CivilAffairsDb, input: RecordCondolenceInput, today: string): Promise<MutationResult<CondolenceRow>> {
  const errors = new UserErrors();
  errors.uuid('householdId', input.householdId);
  if (input.personId) errors.uuid('personId', input.personId);
  errors.region('regionCode', input.regionCode, { community: true });
  const visitedOn = errors.date('visitedOn', input.visitedOn, { notAfter: today });
  errors.money('cash', input.cash);
  errors.money('vouchers', input.vouchers);
  const value = input.inKindValue ?? 0n;
  const inKind = goods(errors, input.inKind, value);
  if (input.cash + input.vouchers + value <= 0n && !inKind) errors.add('cash', 'INVALID', 'a visit brings cash, vouchers or goods');
  return runMutation(
    db,
    errors,
    (tx) =>
      tx.condolence.create({
        data: {
          id: newId(),
          householdId: input.householdId,
          personId: input.personId ?? null,
          regionCode: input.regionCode,
          occasion: input.occasion,
          visitedOn: toDate(visitedOn!),
          cash: input.cash,
          vouchers: input.vouchers,
          inKind,
          inKindValue: value,
        },
      }),
    byId('recordCondolence', input, (tx, id) => tx.condolence.findUnique({ where: { id } })),
  );
}

export async function reportHouseCollapse(db: CivilAffairsDb, input: ReportHouseCollapseInput, today: string): Promise<MutationResult<RebuildingRow>> {
  const errors = new UserErrors();
  errors.uuid('householdId', input.householdId);
  errors.region('regionCode', input.regionCode, { community: true });
  const reportedOn = errors.date('reportedOn', input.reportedOn, { notAfter: today });
  if (!Number.isInteger(input.collapsedRooms) || input.collapsedRooms < 1 || input.collapsedRooms > 50) errors.add('collapsedRooms', 'INVALID', 'collapsedRooms must be 1 to 50');
  const cause = errors.text('cause', input.cause, { max: 200 });
  return runMutation(db, errors, async (tx) => {
    if (await tx.houseRebuilding.findFirst({ where: { householdId: input.householdId, status: { not: 'COMPLETED' } } })) {
      errors.add('householdId', 'DUPLICATE', 'the household already has an open rebuilding case');
      return null;
    }
    return tx.houseRebuilding.create({
      data: { id: newId(), householdId: input.householdId, regionCode: input.regionCode, reportedOn: toDate(reportedOn!), collapsedRooms: input.collapsedRooms, cause: cause!, statusOn: toDate(reportedOn!) },
    });
  }, byId('reportHouseCollapse', input, reloadRebuilding));
}

export async function advanceHouseRebuilding(db: CivilAffairsDb, input: AdvanceHouseRebuildingInput, today: string, sees: Sees): Promise<MutationResult<RebuildingRow>> {
  const errors = new UserErrors();
  errors.uuid('rebuildingId', input.rebuildingId);
  const date = errors.date('date', input.date, { notAfter: today });
  return runMutation(db, errors, async (tx) => {
    const row = await tx.houseRebuilding.findUnique({ where: { id: input.rebuildingId } });
    if (!row || !sees(row.regionCode)) {
      errors.add('rebuildingId', 'NOT_FOUND', 'no rebuilding case has this id');
      return null;
    }
    const refusal = rebuildingRefusal(row.status, input.status, input.subsidy ?? null);
    if (refusal) {
      errors.add(refusal.field, refusal.code, refusal.message);
      return null;
    }
    if (date! < toIsoDate(row.statusOn)) {
      errors.add('date', 'INVALID', `the case's last step was on ${toIsoDate(row.statusOn)}`);
      return null;
    }
    const { count } = await tx.houseRebuilding.updateMany({
      where: { id: row.id, status: row.status },
      data: {
        status: input.status,
        statusOn: toDate(date!),
        ...(input.status === 'APPROVED' ? { subsidy: input.subsidy! } : {}),
        ...(input.status === 'COMPLETED' ? { completedOn: toDate(date!) } : {}),
      },
    });
    if (count !== 1) {
      errors.add('rebuildingId', 'CONFLICT', 'the case changed meanwhile; read it again');
      return null;
    }
    return tx.houseRebuilding.findUnique({ where: { id: row.id } });
  }, byId('advanceHouseRebuilding', input, reloadRebuilding));
}
