import type { MutationResolvers } from '../../generated/resolvers-types';
import { requireMember } from '../../data/labour';
import { isMoneyIndicator } from '../../domain/targets';
import { DISPUTE_WORKFLOW, transition } from '../../domain/workflows';
import { dateValue, newId, personById, run } from './support';

const iso = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

export const organisationMutations: Pick<
  MutationResolvers,
  | 'registerInformalOrganisation'
  | 'addInformalOrganisationMember'
  | 'leaveInformalOrganisation'
  | 'recordEntrepreneurshipBase'
  | 'recordIncubatedEnterprise'
  | 'recordPublicityArticle'
  | 'enrolInsurance'
  | 'createSelfManagementGroup'
  | 'registerRetiree'
  | 'certifyPensionEligibility'
  | 'recordLabourDispute'
  | 'advanceLabourDispute'
  | 'recordLabourInspection'
  | 'setEmploymentTarget'
> = {
  registerInformalOrganisation: (_p, { input }, context) =>
    run(context, 'organisation', async (check) => {
      const name = check.text('name', input.name);
      const creditCode = check.creditCode('creditCode', input.creditCode);
      const regionCode = check.regionCode('regionCode', input.regionCode, { community: true });
      const activity = check.text('activity', input.activity);
      const registeredOn = check.date('registeredOn', input.registeredOn);
      if (creditCode && (await check.tx.informalOrganisation.findUnique({ where: { creditCode } }))) check.add('creditCode', 'DUPLICATE', 'an organisation with this credit code is registered');
      check.done();
      return check.tx.informalOrganisation.create({ data: { id: newId(), name: name!, creditCode: creditCode!, regionCode: regionCode!, activity: activity!, registeredOn: dateValue(registeredOn!) } });
    }, { operation: 'registerInformalOrganisation', input, reload: (tx, id) => tx.informalOrganisation.findUnique({ where: { id } }) }),

  addInformalOrganisationMember: (_p, { input }, context) =>
    run(context, 'organisation', async (check) => {
      const organisationId = check.id('organisationId', input.organisationId);
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const joinedOn = check.date('joinedOn', input.joinedOn);
      const organisation = organisationId ? check.own(await check.tx.informalOrganisation.findUnique({ where: { id: organisationId } })) : null;
      if (organisationId && !organisation) check.add('organisationId', 'NOT_FOUND', `no organisation ${organisationId}`);
      if (organisation) check.order('joinedOn', iso(organisation.registeredOn), joinedOn, 'the registration of the organisation');
      if (organisation && member && (await check.tx.informalOrganisationMember.findFirst({ where: { organisationId: organisation.id, personId: member.personId, leftOn: null } }))) {
        check.add('personId', 'DUPLICATE', 'the person already works in the organisation');
      }
      check.done();
      await check.tx.informalOrganisationMember.create({ data: { id: newId(), organisationId: organisation!.id, personId: member!.personId, regionCode: member!.regionCode, joinedOn: dateValue(joinedOn!) } });
      return organisation!;
    }, { operation: 'addInformalOrganisationMember', input, reload: (tx, id) => tx.informalOrganisation.findUnique({ where: { id } }) }),

  leaveInformalOrganisation: (_p, { input }, context) =>
    run(context, 'organisation', async (check) => {
      const organisationId = check.id('organisationId', input.organisationId);
      const personId = check.id('personId', input.personId);
      const leftOn = check.date('leftOn', input.leftOn);
      // Both the organisation and the person's membership must lie inside the caller's jurisdiction, as when joining.
      const organisation = organisationId ? check.own(await check.tx.informalOrganisation.findUnique({ where: { id: organisationId } })) : null;
      if (organisationId && !organisation) check.add('organisationId', 'NOT_FOUND', `no organisation ${organisationId}`);
      const membership = organisation && personId ? check.own(await check.tx.informalOrganisationMember.findFirst({ where: { organisationId: organisation.id, personId, leftOn: null } })) : null;
      if (organisation && personId && !membership) check.add('personId', 'NOT_FOUND', 'the person does not work in the organisation');
      if (membership) check.order('leftOn', iso(membership.joinedOn), leftOn, 'joining');
      check.done();
      await check.tx.informalOrganisationMember.update({ where: { id: membership!.id }, data: { leftOn: dateValue(leftOn!) } });
      return organisation!;
    }, { operation: 'leaveInformalOrganisation', input, reload: (tx, id) => tx.informalOrganisation.findUnique({ where: { id } }) }),

  recordEntrepreneurshipBase: (_p, { input }, context) =>
    run(context, 'base', async (check) => {
      const name = check.text('name', input.name);
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const areaSqm = check.int('areaSqm', input.areaSqm, 0, 1_000_000);
      const establishedOn = check.date('establishedOn', input.establishedOn);
      const jobsDriven = check.int('jobsDriven', input.jobsDriven, 0, 1_000_000);
      check.done();
      return check.tx.entrepreneurshipBase.create({ data: { id: newId(), kind: input.kind, name: name!, regionCode: regionCode!, areaSqm, establishedOn: dateValue(establishedOn!), jobsDriven } });
    }),

  recordIncubatedEnterprise: (_p, { input }, context) =>
    run(context, 'enterprise', async (check) => {
      const name = check.text('name', input.name);
      const creditCode = check.creditCode('creditCode', input.creditCode);
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const founder = input.founderPersonId ? await requireMember(check, 'founderPersonId', check.id('founderPersonId', input.founderPersonId)) : null;
      const baseId = check.id('baseId', input.baseId, { required: false });
      const incubatedOn = check.date('incubatedOn', input.incubatedOn);
      const jobsCreated = check.int('jobsCreated', input.jobsCreated, 0, 1_000_000);
      const annualTax = check.money('annualTax', input.annualTax);
      if (baseId) {
        const base = check.own(await check.tx.entrepreneurshipBase.findUnique({ where: { id: baseId } }));
        if (!base) check.add('baseId', 'NOT_FOUND', `no base ${baseId}`);
        else check.order('incubatedOn', iso(base.establishedOn), incubatedOn, 'the establishment of the base');
      }
      if (creditCode && (await check.tx.incubatedEnterprise.findUnique({ where: { creditCode } }))) check.add('creditCode', 'DUPLICATE', 'this enterprise is already recorded');
      check.done();
      return check.tx.incubatedEnterprise.create({
        data: { id: newId(), name: name!, creditCode: creditCode!, regionCode: regionCode!, founderPersonId: founder?.personId ?? null, baseId, incubatedOn: dateValue(incubatedOn!), jobsCreated, annualTaxFen: annualTax! },
      });
    }),

  recordPublicityArticle: (_p, { input }, context) =>
    run(context, 'article', async (check) => {
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const title = check.text('title', input.title);
      const outlet = check.text('outlet', input.outlet);
      const publishedOn = check.date('publishedOn', input.publishedOn);
      check.done();
      return check.tx.publicityArticle.create({ data: { id: newId(), regionCode: regionCode!, title: title!, outlet: outlet!, level: input.level, publishedOn: dateValue(publishedOn!) } });
    }),

  enrolInsurance: (_p, { input }, context) =>
    run(context, 'enrolment', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const year = check.year('year', input.year);
      const enrolledOn = check.date('enrolledOn', input.enrolledOn);
      const contribution = check.money('contribution', input.contribution, { max: 1_000_000n });
      // Enrolment for a year happens during the year before (缴费期) or the year itself.
      if (enrolledOn && Number.isInteger(year) && (Number(enrolledOn.slice(0, 4)) < year - 1 || Number(enrolledOn.slice(0, 4)) > year)) {
        check.add('enrolledOn', 'INVALID', `enrolment for ${year} happens in ${year - 1} or ${year}`);
      }
      if (input.scheme === 'RESIDENT_PENSION' && member && Number.isInteger(year)) {
        // Resident pension insurance is for residents from 16 who are not students (城乡居民养老保险参保范围).
        const age = year - member.birthDate.getUTCFullYear();
        if (age < 16) check.add('personId', 'RULE_VIOLATION', 'resident pension insurance starts at age 16');
      }
      if (member && Number.isInteger(year) && (await check.tx.insuranceEnrolment.findUnique({ where: { personId_scheme_year: { personId: member.personId, scheme: input.scheme, year } } }))) {
        check.add('personId', 'DUPLICATE', `the person is already enrolled in ${input.scheme} for ${year}`);
      }
      check.done();
      return check.tx.insuranceEnrolment.create({
        data: { id: newId(), personId: member!.personId, householdId: member!.householdId, regionCode: member!.regionCode, scheme: input.scheme, year, enrolledOn: dateValue(enrolledOn!), contributionFen: contribution! },
      });
    }, { operation: 'enrolInsurance', input, reload: (tx, id) => tx.insuranceEnrolment.findUnique({ where: { id } }) }),

  createSelfManagementGroup: (_p, { input }, context) =>
    run(context, 'group', async (check) => {
      const regionCode = check.regionCode('regionCode', input.regionCode, { community: true });
      const name = check.text('name', input.name);
      const leaderName = check.text('leaderName', input.leaderName, { max: 50 });
      check.done();
      return check.tx.selfManagementGroup.create({ data: { id: newId(), regionCode: regionCode!, name: name!, leaderName: leaderName! } });
    }),

  registerRetiree: (_p, { input }, context) =>
    run(context, 'person', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const retiredOn = check.date('retiredOn', input.retiredOn);
      const formerEmployerName = check.text('formerEmployerName', input.formerEmployerName);
      const formerEmployerCreditCode = check.creditCode('formerEmployerCreditCode', input.formerEmployerCreditCode, { required: false });
      const groupId = check.id('groupId', input.groupId, { required: false });
      const monthlyPension = check.money('monthlyPension', input.monthlyPension, { max: 10_000_000n });
      if (member) {
        const status = await check.tx.employmentStatusPeriod.findFirst({ where: { personId: member.personId, endDate: null } });
        if (status?.status !== 'RETIRED') check.add('personId', 'RULE_VIOLATION', 'record the person as RETIRED first');
        if (await check.tx.retiree.findUnique({ where: { personId: member.personId } })) check.add('personId', 'DUPLICATE', 'the retiree is already under community management');
        if (groupId) {
          const group = await check.tx.selfManagementGroup.findUnique({ where: { id: groupId } });
          if (!group) check.add('groupId', 'NOT_FOUND', `no group ${groupId}`);
          else if (group.regionCode !== member.regionCode) check.add('groupId', 'INVALID', "the group belongs to another community than the retiree's");
        }
      }
      check.done();
      await check.tx.retiree.create({
        data: {
          personId: member!.personId,
          householdId: member!.householdId,
          regionCode: member!.regionCode,
          retiredOn: dateValue(retiredOn!),
          formerEmployerName: formerEmployerName!,
          formerEmployerCreditCode,
          groupId,
          monthlyPensionFen: monthlyPension!,
        },
      });
      return { id: member!.personId };
    }, { operation: 'registerRetiree', input, reload: (tx, id) => personById(tx, id) }),

  certifyPensionEligibility: (_p, { input }, context) =>
    run(context, 'person', async (check) => {
      const personId = check.id('personId', input.personId);
      const year = check.year('year', input.year);
      const certifiedOn = check.date('certifiedOn', input.certifiedOn);
      const retiree = personId ? check.own(await check.tx.retiree.findUnique({ where: { personId } })) : null;
      if (personId && !retiree) check.add('personId', 'NOT_FOUND', 'the person is no retiree under community management');
      if (certifiedOn && Number.isInteger(year) && Number(certifiedOn.slice(0, 4)) !== year) check.add('certifiedOn', 'INVALID', `the ${year} round certifies within ${year}`);
      if (retiree && Number.isInteger(year) && (await check.tx.pensionCertification.findUnique({ where: { personId_year: { personId: retiree.personId, year } } }))) {
        check.add('personId', 'DUPLICATE', `already certified for ${year}`);
      }
      check.done();
      // Whether it stands is decided on reading, with civil affairs' death record (Person.pensionEligibility @requires deceased).
      await check.tx.pensionCertification.create({ data: { id: newId(), personId: retiree!.personId, regionCode: retiree!.regionCode, year, certifiedOn: dateValue(certifiedOn!), method: input.method } });
      return { id: retiree!.personId };
    }, { operation: 'certifyPensionEligibility', input, reload: (tx, id) => personById(tx, id) }),

  recordLabourDispute: (_p, { input }, context) =>
    run(context, 'dispute', async (check) => {
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const applicant = input.applicantPersonId ? await requireMember(check, 'applicantPersonId', check.id('applicantPersonId', input.applicantPersonId)) : null;
      const employerName = check.text('employerName', input.employerName);
      const employerCreditCode = check.creditCode('employerCreditCode', input.employerCreditCode);
      const claim = check.money('claim', input.claim, { required: false, max: 100_000_000_00n });
      const receivedOn = check.date('receivedOn', input.receivedOn);
      check.done();
      return check.tx.labourDispute.create({
        data: {
          id: newId(),
          regionCode: regionCode!,
          applicantPersonId: applicant?.personId ?? null,
          employerName: employerName!,
          employerCreditCode: employerCreditCode!,
          category: input.category,
          claimFen: claim,
          receivedOn: dateValue(receivedOn!),
          status: 'RECEIVED',
        },
      });
    }, { operation: 'recordLabourDispute', input, reload: (tx, id) => tx.labourDispute.findUnique({ where: { id } }) }),

  advanceLabourDispute: (_p, { input }, context) =>
    run(context, 'dispute', async (check) => {
      const id = check.id('disputeId', input.disputeId);
      const on = check.date('on', input.on);
      const closing = input.action !== 'START_MEDIATION';
      const outcome = check.text('outcome', input.outcome, { required: closing, max: 1000 });
      const dispute = id ? check.own(await check.tx.labourDispute.findUnique({ where: { id } })) : null;
      if (id && !dispute) check.add('disputeId', 'NOT_FOUND', `no dispute ${id}`);
      check.done();
      const step = transition(DISPUTE_WORKFLOW, dispute!.status, input.action);
      if (!step.ok) return check.refuse('action', 'INVALID_TRANSITION', step.message);
      check.order('on', iso(dispute!.receivedOn), on, 'the day the dispute was received');
      check.done();
      const { count } = await check.tx.labourDispute.updateMany({
        where: { id: id!, version: dispute!.version },
        data: { status: step.to, ...(closing ? { closedOn: dateValue(on!), outcome } : {}), version: { increment: 1 } },
      });
      if (count === 0) return check.refuse(null, 'CONFLICT', 'someone else changed the dispute first; read it again and retry');
      return (await check.tx.labourDispute.findUnique({ where: { id: id! } }))!;
    }, { operation: 'advanceLabourDispute', input, reload: (tx, id) => tx.labourDispute.findUnique({ where: { id } }) }),

  recordLabourInspection: (_p, { input }, context) =>
    run(context, 'inspection', async (check) => {
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const employerName = check.text('employerName', input.employerName);
      const employerCreditCode = check.creditCode('employerCreditCode', input.employerCreditCode);
      const inspectedOn = check.date('inspectedOn', input.inspectedOn);
      const inspector = check.text('inspector', input.inspector, { max: 50 });
      const findings = check.text('findings', input.findings, { max: 2000 });
      const resolvedOn = check.date('resolvedOn', input.resolvedOn, { required: false });
      check.order('resolvedOn', inspectedOn, resolvedOn, 'the inspection');
      if (resolvedOn && !input.violationFound) check.add('resolvedOn', 'INVALID', 'only a violation is put right');
      check.done();
      return check.tx.labourInspection.create({
        data: {
          id: newId(),
          regionCode: regionCode!,
          employerName: employerName!,
          employerCreditCode: employerCreditCode!,
          kind: input.kind,
          inspectedOn: dateValue(inspectedOn!),
          inspector: inspector!,
          findings: findings!,
          violationFound: input.violationFound,
          resolvedOn: resolvedOn ? dateValue(resolvedOn) : null,
        },
      });
    }, { operation: 'recordLabourInspection', input, reload: (tx, id) => tx.labourInspection.findUnique({ where: { id } }) }),

  setEmploymentTarget: (_p, { input }, context) =>
    run(context, 'target', async (check) => {
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const year = check.year('year', input.year);
      let target: bigint | null = null;
      if (isMoneyIndicator(input.indicator)) {
        if (input.targetCount !== null && input.targetCount !== undefined) check.add('targetCount', 'INVALID', `${input.indicator} is a money indicator: give targetAmount`);
        target = check.money('targetAmount', input.targetAmount);
      } else {
        if (input.targetAmount !== null && input.targetAmount !== undefined) check.add('targetAmount', 'INVALID', `${input.indicator} is counted, not money: give targetCount`);
        if (input.targetCount === null || input.targetCount === undefined) check.add('targetCount', 'REQUIRED', 'targetCount is required');
        else target = BigInt(check.int('targetCount', input.targetCount, 0, 100_000_000));
      }
      check.done();
      await check.tx.employmentTarget.upsert({
        where: { regionCode_year_indicator: { regionCode: regionCode!, year, indicator: input.indicator } },
        create: { id: newId(), regionCode: regionCode!, year, indicator: input.indicator, target: target! },
        update: { target: target! },
      });
      // Actuals are computed now, outside this transaction's writes (targets do not change them).
      context.loaders.targetsByRegionYear.clear(`${regionCode}|${year}`);
      const actuals = await context.loaders.targetActuals.load(`${regionCode}|${year}`);
      return { indicator: input.indicator, year, target, actual: actuals[input.indicator] };
    }),
};

