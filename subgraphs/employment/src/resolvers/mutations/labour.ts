import type { MutationResolvers } from '../../generated/resolvers-types';
import { checkActiveRegistrations, checkAfterCurrentStatus, changeStatus, reevaluateHousehold, refreshRegion, requireMember, writeEmployment, writeUnemployment } from '../../data/labour';
import { addDays } from '../../domain/dates';
import { STATED_CATEGORIES } from '../../domain/difficulty';
import { isOfWorkingAge } from '../../domain/labourForce';
import { dateValue, newId, personById, run, type Check } from './support';
import type { LabourForceMemberRow } from '../../data/models';

const iso = (date: Date): string => date.toISOString().slice(0, 10);

function checkWorkingAge(check: Check, field: string, member: LabourForceMemberRow | null, day: string | null): void {
  if (member && day && !isOfWorkingAge(iso(member.birthDate), member.gender, day)) {
    check.add(field, 'RULE_VIOLATION', `the person is not of working age (16 to ${member.gender === 'MALE' ? 60 : 55}) on ${day}`);
  }
}

/** Statuses that come with a registration and so have their own mutations. */
const REGISTERED = ['EMPLOYED', 'FLEXIBLY_EMPLOYED', 'REGISTERED_UNEMPLOYED'];

export const labourMutations: Pick<
  MutationResolvers,
  | 'enrolLabourForceMember'
  | 'recordEmploymentStatus'
  | 'registerUnemployment'
  | 'registerEmployment'
  | 'certifyEmploymentDifficulty'
  | 'refreshZeroEmploymentFamilies'
  | 'endEmploymentDifficulty'
  | 'recordAssistanceVisit'
  | 'recordPlacement'
> = {
  enrolLabourForceMember: (_p, { input }, context) =>
    run(context, 'person', async (check) => {
      const personId = check.id('personId', input.personId);
      const householdId = check.id('householdId', input.householdId);
      const regionCode = check.regionCode('regionCode', input.regionCode, { community: true });
      const birthDate = check.date('birthDate', input.birthDate);
      const since = check.date('since', input.since);
      check.order('since', birthDate, since, 'the birth date');
      if (REGISTERED.includes(input.status)) check.add('status', 'RULE_VIOLATION', `${input.status} comes with a registration: enrol with another status, then register`);
      if (personId && (await check.tx.labourForceMember.findUnique({ where: { personId } }))) check.add('personId', 'DUPLICATE', 'the labour office already records this person');
      const housemate = householdId ? await check.tx.labourForceMember.findFirst({ where: { householdId } }) : null;
      if (housemate && regionCode && housemate.regionCode !== regionCode) check.add('regionCode', 'INVALID', `the household lives in ${housemate.regionCode}`);
      check.done();
      const member = await check.tx.labourForceMember.create({
        data: { personId: personId!, householdId: householdId!, regionCode: regionCode!, birthDate: dateValue(birthDate!), gender: input.gender },
      });
      await check.tx.employmentStatusPeriod.create({ data: { id: newId(), personId: member.personId, status: input.status, startDate: dateValue(since!) } });
      await reevaluateHousehold(check.tx, member.householdId, since!);
      return { id: member.personId };
    }, { operation: 'enrolLabourForceMember', input, reload: (tx, id) => personById(tx, id) }),

  recordEmploymentStatus: (_p, { input }, context) =>
    run(context, 'person', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const since = check.date('since', input.since);
      if (REGISTERED.includes(input.status)) check.add('status', 'RULE_VIOLATION', `${input.status} comes with a registration: use registerEmployment or registerUnemployment`);
      if (member) {
        const current = await check.tx.employmentStatusPeriod.findFirst({ where: { personId: member.personId, endDate: null } });
        if (current?.status === input.status) check.add('status', 'DUPLICATE', `the person is already ${input.status}`);
        await checkAfterCurrentStatus(check, 'since', member.personId, since);
        // Leaving registered unemployment or employment for another status ends the registration too.
        await checkActiveRegistrations(check, 'since', member.personId, since);
      }
      check.done();
      const active = await check.tx.employmentRegistration.findMany({ where: { personId: member!.personId, status: 'ACTIVE' } });
      for (const r of active) {
        await check.tx.employmentRegistration.update({ where: { id: r.id }, data: { status: 'ENDED', endDate: dateValue(addDays(since!, -1)) } });
      }
      await changeStatus(check.tx, member!, input.status, since!);
      return { id: member!.personId };
    }, { operation: 'recordEmploymentStatus', input, reload: (tx, id) => personById(tx, id) }),

  registerUnemployment: (_p, { input }, context) =>
    run(context, 'registration', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const registeredOn = check.date('registeredOn', input.registeredOn);
      checkWorkingAge(check, 'registeredOn', member, registeredOn);
      let active: Awaited<ReturnType<typeof checkActiveRegistrations>> = [];
      if (member) {
        active = await checkActiveRegistrations(check, 'registeredOn', member.personId, registeredOn);
        if (active.some((r) => r.kind === 'UNEMPLOYMENT')) check.add('personId', 'DUPLICATE', 'the person is already registered as unemployed');
        await checkAfterCurrentStatus(check, 'registeredOn', member.personId, registeredOn);
      }
      check.done();
      return writeUnemployment(check.tx, member!, active, registeredOn!);
    }, { operation: 'registerUnemployment', input, reload: (tx, id) => tx.employmentRegistration.findUnique({ where: { id } }) }),

  registerEmployment: (_p, { input }, context) =>
    run(context, 'registration', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const startedOn = check.date('startedOn', input.startedOn);
      const flexible = input.flexible ?? false;
      const employerName = check.text('employerName', input.employerName, { required: !flexible });
      const employerCreditCode = check.creditCode('employerCreditCode', input.employerCreditCode, { required: !flexible });
      checkWorkingAge(check, 'startedOn', member, startedOn);
      let active: Awaited<ReturnType<typeof checkActiveRegistrations>> = [];
      if (member) {
        active = await checkActiveRegistrations(check, 'startedOn', member.personId, startedOn);
        await checkAfterCurrentStatus(check, 'startedOn', member.personId, startedOn);
      }
      check.done();
      return writeEmployment(check.tx, member!, active, { startedOn: startedOn!, employerName, employerCreditCode, flexible });
    }, { operation: 'registerEmployment', input, reload: (tx, id) => tx.employmentRegistration.findUnique({ where: { id } }) }),

  refreshZeroEmploymentFamilies: async (_p, { input }, context) => {
    const result = await run(context, 'counts', async (check) => {
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const on = check.date('on', input.on);
      check.done();
      return refreshRegion(check.tx, regionCode!, on!);
    });
    return { opened: result.counts?.opened ?? null, resolved: result.counts?.resolved ?? null, userErrors: result.userErrors };
  },

  certifyEmploymentDifficulty: (_p, { input }, context) =>
    run(context, 'certification', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const certifiedOn = check.date('certifiedOn', input.certifiedOn);
      const note = check.text('note', input.note, { required: false, max: 500 });
      const stated = [...new Set(input.statedCategories ?? [])];
      for (const category of stated) {
        if (!STATED_CATEGORIES.includes(category)) {
          check.add('statedCategories', 'INVALID', `${category} is not stated by the office: it is derived from records (civil affairs for DIBAO_FAMILY and DISABLED)`);
        }
      }
      if (member) {
        const current = await check.tx.employmentStatusPeriod.findFirst({ where: { personId: member.personId, endDate: null } });
        if (current?.status !== 'REGISTERED_UNEMPLOYED') check.add('personId', 'RULE_VIOLATION', 'only a registered unemployed person can be certified as having employment difficulty');
        else check.order('certifiedOn', iso(current.startDate), certifiedOn, 'the unemployment registration');
        if (await check.tx.difficultyCertification.findFirst({ where: { personId: member.personId, endedOn: null } })) {
          check.add('personId', 'DUPLICATE', 'the person already holds an active certification');
        }
      }
      check.done();
      return check.tx.difficultyCertification.create({
        data: { id: newId(), personId: member!.personId, householdId: member!.householdId, regionCode: member!.regionCode, certifiedOn: dateValue(certifiedOn!), statedCategories: stated, note },
      });
    }, { operation: 'certifyEmploymentDifficulty', input, reload: (tx, id) => tx.difficultyCertification.findUnique({ where: { id } }) }),

  endEmploymentDifficulty: (_p, { input }, context) =>
    run(context, 'certification', async (check) => {
      const id = check.id('certificationId', input.certificationId);
      const endedOn = check.date('endedOn', input.endedOn);
      const reason = check.text('reason', input.reason, { max: 500 });
      const certification = id ? check.own(await check.tx.difficultyCertification.findUnique({ where: { id } })) : null;
      if (id && !certification) check.add('certificationId', 'NOT_FOUND', `no certification ${id}`);
      if (certification?.endedOn) check.add('certificationId', 'INVALID_TRANSITION', 'the certification has already ended');
      if (certification) check.order('endedOn', iso(certification.certifiedOn), endedOn, 'the certification');
      check.done();
      return check.tx.difficultyCertification.update({ where: { id: id! }, data: { endedOn: dateValue(endedOn!), endReason: reason } });
    }, { operation: 'endEmploymentDifficulty', input, reload: (tx, id) => tx.difficultyCertification.findUnique({ where: { id } }) }),

  recordAssistanceVisit: (_p, { input }, context) =>
    run(context, 'visit', async (check) => {
      const householdId = check.id('householdId', input.householdId);
      const personId = check.id('personId', input.personId, { required: false });
      const campaign = check.text('campaign', input.campaign);
      const visitedOn = check.date('visitedOn', input.visitedOn);
      const visitor = check.text('visitor', input.visitor, { max: 50 });
      const note = check.text('note', input.note, { required: false, max: 1000 });
      const recorded = householdId ? await check.tx.labourForceMember.findMany({ where: { householdId } }) : [];
      // A household outside the caller's jurisdiction reads as unknown.
      const members = recorded.every((m) => check.own(m)) ? recorded : [];
      if (householdId && members.length === 0) check.add('householdId', 'NOT_FOUND', `the labour office holds no record of household ${householdId}`);
      if (personId && members.length > 0 && !members.some((m) => m.personId === personId)) check.add('personId', 'INVALID', 'the person is not a member of the household');
      check.done();
      return check.tx.assistanceVisit.create({
        data: { id: newId(), householdId: householdId!, personId, regionCode: members[0]!.regionCode, campaign: campaign!, visitedOn: dateValue(visitedOn!), visitor: visitor!, outcome: input.outcome, note },
      });
    }, { operation: 'recordAssistanceVisit', input, reload: (tx, id) => tx.assistanceVisit.findUnique({ where: { id } }) }),

  recordPlacement: (_p, { input }, context) =>
    run(context, 'placement', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const withEmployer = input.kind === 'PUBLIC_WELFARE_POST' || input.kind === 'ENTERPRISE';
      const employerName = check.text('employerName', input.employerName, { required: withEmployer });
      const employerCreditCode = check.creditCode('employerCreditCode', input.employerCreditCode, { required: withEmployer });
      const position = check.text('position', input.position, { max: 100 });
      const placedOn = check.date('placedOn', input.placedOn);
      checkWorkingAge(check, 'placedOn', member, placedOn);
      let active: Awaited<ReturnType<typeof checkActiveRegistrations>> = [];
      if (member) {
        active = await checkActiveRegistrations(check, 'placedOn', member.personId, placedOn);
        await checkAfterCurrentStatus(check, 'placedOn', member.personId, placedOn);
      }
      check.done();
      const certification = await check.tx.difficultyCertification.findFirst({ where: { personId: member!.personId, endedOn: null, certifiedOn: { lte: dateValue(placedOn!) } } });
      const placement = await check.tx.placement.create({
        data: {
          id: newId(),
          personId: member!.personId,
          householdId: member!.householdId,
          regionCode: member!.regionCode,
          kind: input.kind,
          employerName,
          employerCreditCode,
          position: position!,
          placedOn: dateValue(placedOn!),
          difficultPerson: certification !== null,
        },
      });
      await writeEmployment(check.tx, member!, active, { startedOn: placedOn!, employerName, employerCreditCode, flexible: !withEmployer });
      return placement;
    }, { operation: 'recordPlacement', input, reload: (tx, id) => tx.placement.findUnique({ where: { id } }) }),
};
