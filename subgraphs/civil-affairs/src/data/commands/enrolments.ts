import { toIsoDate } from '@hub/scalars';
import type { EnrolBeneficiaryInput, ResumeEnrolmentInput, SuspendEnrolmentInput, TerminateEnrolmentInput } from '../../generated/resolvers-types';
import { addDays } from '../../domain/dates';
import { personalEnrolmentRefusal } from '../../domain/eligibility';
import { monthlyAmount, standardInForce } from '../../domain/standards';
import { normalisedStatus } from '../../domain/status';
import type { CivilAffairsDb } from '../db';
import type { EnrolmentRow } from '../models';
import { byId, newId, runMutation, UserErrors, type MutationResult, type Sees, type Tx } from './support';
import { standardOf, toDate } from './rows';

/** Enrolments of a person in force or suspended on a day. */
export async function currentProgrammes(tx: Tx, personId: string, today: string): Promise<string[]> {
  const rows = await tx.enrolment.findMany({ where: { personId } });
  return rows
    .filter((e) => ['ACTIVE', 'SUSPENDED'].includes(normalisedStatus({ status: e.status, terminationReason: e.terminationReason, startDate: toIsoDate(e.startDate), endDate: e.endDate ? toIsoDate(e.endDate) : null }, today)))
    .map((e) => e.programme);
}

const reloadEnrolment = (tx: Tx, id: string): Promise<EnrolmentRow | null> => tx.enrolment.findUnique({ where: { id } });

export async function enrolBeneficiary(db: CivilAffairsDb, input: EnrolBeneficiaryInput, today: string): Promise<MutationResult<EnrolmentRow>> {
  const errors = new UserErrors();
  errors.uuid('personId', input.personId);
  errors.uuid('householdId', input.householdId);
  errors.region('regionCode', input.regionCode, { community: true });
  const startDate = errors.date('startDate', input.startDate, { notAfter: today });
  return runMutation(db, errors, async (tx) => {
    const [death, disability, programmes, standards] = await Promise.all([
      tx.deathRecord.findUnique({ where: { personId: input.personId } }),
      tx.disabilityRecord.findUnique({ where: { personId: input.personId } }),
      currentProgrammes(tx, input.personId, startDate!),
      tx.assistanceStandard.findMany({ where: { programme: input.programme } }),
    ]);
    const refusal = personalEnrolmentRefusal(input.programme, { deceased: death !== null, disability, currentProgrammes: programmes });
    if (refusal) {
      errors.add(refusal.field, refusal.code, refusal.message);
      return null;
    }
    const standard = standardInForce(standards.map(standardOf), input.programme, input.regionCode, startDate!, input.programme === 'SEVERE_DISABILITY_SUBSIDY' ? disability!.grade : null);
    if (!standard) {
      errors.add('startDate', 'RULE_VIOLATION', `no ${input.programme} standard is in force in ${input.regionCode} on ${startDate}`);
      return null;
    }
    return tx.enrolment.create({
      data: {
        id: newId(),
        programme: input.programme,
        householdId: input.householdId,
        personId: input.personId,
        regionCode: input.regionCode,
        memberCount: 1,
        monthlyAmount: monthlyAmount(standard),
        startDate: toDate(startDate!),
      },
    });
  }, byId('enrolBeneficiary', input, reloadEnrolment));
}

/** Changes an enrolment's status only if nobody changed it since it was read (optimistic check on the status). */
async function transition(
  tx: Tx,
  sees: Sees,
  errors: UserErrors,
  enrolmentId: string,
  from: EnrolmentRow['status'],
  data: Partial<Pick<EnrolmentRow, 'status' | 'endDate' | 'terminationReason'>>,
  check: (row: EnrolmentRow) => boolean = () => true,
): Promise<EnrolmentRow | null> {
  const row = await tx.enrolment.findUnique({ where: { id: enrolmentId } });
  if (!row || !sees(row.regionCode)) {
    errors.add('enrolmentId', 'NOT_FOUND', 'no enrolment has this id');
    return null;
  }
  if (row.status !== from) {
    errors.add('enrolmentId', 'INVALID_TRANSITION', `the enrolment is ${row.status}, not ${from}`);
    return null;
  }
  if (!check(row)) return null;
  const { count } = await tx.enrolment.updateMany({ where: { id: enrolmentId, status: from }, data });
  if (count !== 1) {
    errors.add('enrolmentId', 'CONFLICT', 'the enrolment changed meanwhile; read it again');
    return null;
  }
  return tx.enrolment.findUnique({ where: { id: enrolmentId } });
}

export async function suspendEnrolment(db: CivilAffairsDb, input: SuspendEnrolmentInput, sees: Sees): Promise<MutationResult<EnrolmentRow>> {
  const errors = new UserErrors();
  errors.uuid('enrolmentId', input.enrolmentId);
  return runMutation(db, errors, (tx) => transition(tx, sees, errors, input.enrolmentId, 'IN_PAYMENT', { status: 'SUSPENDED' }), byId('suspendEnrolment', input, reloadEnrolment));
}

export async function resumeEnrolment(db: CivilAffairsDb, input: ResumeEnrolmentInput, sees: Sees): Promise<MutationResult<EnrolmentRow>> {
  const errors = new UserErrors();
  errors.uuid('enrolmentId', input.enrolmentId);
  return runMutation(db, errors, (tx) => transition(tx, sees, errors, input.enrolmentId, 'SUSPENDED', { status: 'IN_PAYMENT' }), byId('resumeEnrolment', input, reloadEnrolment));
}

export async function terminateEnrolment(db: CivilAffairsDb, input: TerminateEnrolmentInput, sees: Sees): Promise<MutationResult<EnrolmentRow>> {
  const errors = new UserErrors();
  errors.uuid('enrolmentId', input.enrolmentId);
  const endDate = errors.date('endDate', input.endDate);
  if (input.reason === 'DECEASED') errors.add('reason', 'INVALID', 'a death is recorded with recordDeath, which ends every enrolment of the person');
  return runMutation(db, errors, async (tx) => {
    const row = await tx.enrolment.findUnique({ where: { id: input.enrolmentId } });
    const from = row?.status === 'SUSPENDED' ? 'SUSPENDED' : 'IN_PAYMENT';
    return transition(tx, sees, errors, input.enrolmentId, from, { status: 'TERMINATED', endDate: toDate(endDate!), terminationReason: input.reason }, (r) => {
      if (endDate! < addDays(toIsoDate(r.startDate), -1)) {
        errors.add('endDate', 'INVALID', `endDate cannot be before the start (${toIsoDate(r.startDate)})`);
        return false;
      }
      return true;
    });
  }, byId('terminateEnrolment', input, reloadEnrolment));
}
