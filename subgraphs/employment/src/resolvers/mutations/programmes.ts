import type { MutationResolvers } from '../../generated/resolvers-types';
import { requireMember } from '../../data/labour';
import { isPeriod, LOAN_CEILING_FEN, monthIndex, periodsOverlap, subsidyCeilingFen } from '../../domain/rules';
import { LOAN_WORKFLOW, SUBSIDY_WORKFLOW, transition } from '../../domain/workflows';
import { dateValue, newId, run, type Check } from './support';

const iso = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

/** Optimistic update: the row must still be at the version read, or someone else changed it first. */
async function guardedUpdate(check: Check, changed: number): Promise<void> {
  if (changed === 0) check.refuse(null, 'CONFLICT', 'someone else changed the record first; read it again and retry');
}

export const programmeMutations: Pick<
  MutationResolvers,
  | 'applyFlexibleEmploymentSubsidy'
  | 'advanceFlexibleEmploymentSubsidy'
  | 'createTrainingCourse'
  | 'enrolInTraining'
  | 'completeTraining'
  | 'dropTraining'
  | 'recordJobFair'
  | 'applyMicroLoan'
  | 'advanceMicroLoan'
> = {
  applyFlexibleEmploymentSubsidy: (_p, { input }, context) =>
    run(context, 'subsidy', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const appliedOn = check.date('appliedOn', input.appliedOn);
      const months = check.int('months', input.months, 1, 12);
      const period = isPeriod(input.period) ? input.period : (check.add('period', 'INVALID', 'period must be a month YYYY-MM'), null);
      const amount = check.money('amount', input.amount, { min: 1n, max: Number.isInteger(months) && months >= 1 && months <= 12 ? subsidyCeilingFen(months) : undefined });
      if (member) {
        const [status, certification, others] = await Promise.all([
          check.tx.employmentStatusPeriod.findFirst({ where: { personId: member.personId, endDate: null } }),
          check.tx.difficultyCertification.findFirst({ where: { personId: member.personId, endedOn: null } }),
          check.tx.flexibleEmploymentSubsidy.findMany({ where: { personId: member.personId, status: { not: 'REJECTED' } } }),
        ]);
        if (status?.status !== 'FLEXIBLY_EMPLOYED') check.add('personId', 'RULE_VIOLATION', 'only a flexibly employed person can receive the subsidy');
        if (!certification) check.add('personId', 'RULE_VIOLATION', 'only a person certified as having employment difficulty can receive the subsidy');
        if (period && check.ok) {
          const clash = others.find((o) => periodsOverlap(o, { period, months }));
          if (clash) check.add('period', 'DUPLICATE', `the period overlaps the subsidy for ${clash.period} (${clash.months} months)`);
        }
        if (period && appliedOn && monthIndex(period) > monthIndex(appliedOn.slice(0, 7)) + 1) check.add('period', 'INVALID', 'the period may start at the latest the month after the application');
      }
      check.done();
      return check.tx.flexibleEmploymentSubsidy.create({
        data: { id: newId(), personId: member!.personId, householdId: member!.householdId, regionCode: member!.regionCode, period: period!, months, amountFen: amount!, status: 'APPLIED', appliedOn: dateValue(appliedOn!) },
      });
    }, { operation: 'applyFlexibleEmploymentSubsidy', input, reload: (tx, id) => tx.flexibleEmploymentSubsidy.findUnique({ where: { id } }) }),

  advanceFlexibleEmploymentSubsidy: (_p, { input }, context) =>
    run(context, 'subsidy', async (check) => {
      const id = check.id('subsidyId', input.subsidyId);
      const on = check.date('on', input.on);
      const reason = check.text('reason', input.reason, { required: input.action === 'REJECT', max: 500 });
      const subsidy = id ? check.own(await check.tx.flexibleEmploymentSubsidy.findUnique({ where: { id } })) : null;
      if (id && !subsidy) check.add('subsidyId', 'NOT_FOUND', `no subsidy ${id}`);
      check.done();
      const step = transition(SUBSIDY_WORKFLOW, subsidy!.status, input.action);
      if (!step.ok) return check.refuse('action', 'INVALID_TRANSITION', step.message);
      check.order('on', iso(subsidy!.decidedOn) ?? iso(subsidy!.appliedOn), on, 'the previous step');
      check.done();
      const data =
        input.action === 'PAY' ? { paidOn: dateValue(on!) } : input.action === 'REJECT' ? { decidedOn: dateValue(on!), rejectReason: reason } : { decidedOn: dateValue(on!) };
      const { count } = await check.tx.flexibleEmploymentSubsidy.updateMany({ where: { id: id!, version: subsidy!.version }, data: { ...data, status: step.to, version: { increment: 1 } } });
      await guardedUpdate(check, count);
      return (await check.tx.flexibleEmploymentSubsidy.findUnique({ where: { id: id! } }))!;
    }, { operation: 'advanceFlexibleEmploymentSubsidy', input, reload: (tx, id) => tx.flexibleEmploymentSubsidy.findUnique({ where: { id } }) }),

  createTrainingCourse: (_p, { input }, context) =>
    run(context, 'course', async (check) => {
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const name = check.text('name', input.name);
      const provider = check.text('provider', input.provider);
      const startsOn = check.date('startsOn', input.startsOn, { future: true });
      const endsOn = check.date('endsOn', input.endsOn, { future: true });
      check.order('endsOn', startsOn, endsOn, 'the first day');
      const capacity = check.int('capacity', input.capacity, 1, 1000);
      check.done();
      return check.tx.trainingCourse.create({
        data: { id: newId(), regionCode: regionCode!, kind: input.kind, name: name!, provider: provider!, startsOn: dateValue(startsOn!), endsOn: dateValue(endsOn!), capacity },
      });
    }),

  enrolInTraining: (_p, { input }, context) =>
    run(context, 'enrolment', async (check) => {
      const courseId = check.id('courseId', input.courseId);
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const enrolledOn = check.date('enrolledOn', input.enrolledOn);
      const course = courseId ? check.own(await check.tx.trainingCourse.findUnique({ where: { id: courseId } })) : null;
      if (courseId && !course) check.add('courseId', 'NOT_FOUND', `no course ${courseId}`);
      if (course && enrolledOn && enrolledOn > iso(course.endsOn)!) check.add('enrolledOn', 'INVALID', `the course ended on ${iso(course.endsOn)}`);
      if (course && member) {
        const taken = await check.tx.trainingEnrolment.count({ where: { courseId: course.id, status: { not: 'DROPPED' } } });
        if (taken >= course.capacity) check.add('courseId', 'RULE_VIOLATION', `the course is full (${course.capacity} places)`);
        if (course.kind === 'ENTREPRENEURSHIP_PRACTICE') {
          // 创业实训 needs the SYB certificate first (申报实训需SYB结业证书).
          const completed = await check.tx.trainingEnrolment.findMany({ where: { personId: member.personId, status: 'COMPLETED', certificateNumber: { not: null } } });
          const syb = await check.tx.trainingCourse.findFirst({ where: { id: { in: completed.map((e) => e.courseId) }, kind: 'SYB' } });
          if (!syb) check.add('personId', 'RULE_VIOLATION', 'practical entrepreneurship training needs a completed SYB course with its certificate');
        }
        if (await check.tx.trainingEnrolment.findUnique({ where: { courseId_personId: { courseId: course.id, personId: member.personId } } })) {
          check.add('personId', 'DUPLICATE', 'the person is already enrolled in the course');
        }
      }
      check.done();
      return check.tx.trainingEnrolment.create({
        data: { id: newId(), courseId: course!.id, personId: member!.personId, householdId: member!.householdId, regionCode: member!.regionCode, enrolledOn: dateValue(enrolledOn!), status: 'ENROLLED' },
      });
    }, { operation: 'enrolInTraining', input, reload: (tx, id) => tx.trainingEnrolment.findUnique({ where: { id } }) }),

  completeTraining: (_p, { input }, context) =>
    run(context, 'enrolment', async (check) => {
      const id = check.id('enrolmentId', input.enrolmentId);
      const completedOn = check.date('completedOn', input.completedOn);
      const certificateNumber = check.text('certificateNumber', input.certificateNumber, { max: 50 });
      const enrolment = id ? check.own(await check.tx.trainingEnrolment.findUnique({ where: { id } })) : null;
      if (id && !enrolment) check.add('enrolmentId', 'NOT_FOUND', `no enrolment ${id}`);
      if (enrolment && enrolment.status !== 'ENROLLED') check.add('enrolmentId', 'INVALID_TRANSITION', `the enrolment is ${enrolment.status}`);
      if (enrolment) {
        const course = (await check.tx.trainingCourse.findUnique({ where: { id: enrolment.courseId } }))!;
        check.order('completedOn', iso(course.startsOn), completedOn, 'the first day of the course');
        check.order('completedOn', iso(enrolment.enrolledOn), completedOn, 'the enrolment');
      }
      check.done();
      return check.tx.trainingEnrolment.update({ where: { id: id! }, data: { status: 'COMPLETED', completedOn: dateValue(completedOn!), certificateNumber } });
    }, { operation: 'completeTraining', input, reload: (tx, id) => tx.trainingEnrolment.findUnique({ where: { id } }) }),

  dropTraining: (_p, { input }, context) =>
    run(context, 'enrolment', async (check) => {
      const id = check.id('enrolmentId', input.enrolmentId);
      const droppedOn = check.date('droppedOn', input.droppedOn);
      const enrolment = id ? check.own(await check.tx.trainingEnrolment.findUnique({ where: { id } })) : null;
      if (id && !enrolment) check.add('enrolmentId', 'NOT_FOUND', `no enrolment ${id}`);
      if (enrolment && enrolment.status !== 'ENROLLED') check.add('enrolmentId', 'INVALID_TRANSITION', `the enrolment is ${enrolment.status}`);
      if (enrolment) check.order('droppedOn', iso(enrolment.enrolledOn), droppedOn, 'the enrolment');
      check.done();
      // The drop-out day is kept in completed_on: one end date per enrolment, its meaning given by the status.
      return check.tx.trainingEnrolment.update({ where: { id: id! }, data: { status: 'DROPPED', completedOn: dateValue(droppedOn!) } });
    }, { operation: 'dropTraining', input, reload: (tx, id) => tx.trainingEnrolment.findUnique({ where: { id } }) }),

  recordJobFair: (_p, { input }, context) =>
    run(context, 'jobFair', async (check) => {
      const name = check.text('name', input.name);
      const regionCode = check.regionCode('regionCode', input.regionCode);
      const heldOn = check.date('heldOn', input.heldOn);
      const venue = check.text('venue', input.venue);
      const seekers = check.int('seekersAttending', input.seekersAttending, 0, 1_000_000);
      const intents = check.int('intentsReached', input.intentsReached, 0, 1_000_000);
      if (Number.isInteger(seekers) && intents > seekers) check.add('intentsReached', 'INVALID', 'intentsReached cannot exceed seekersAttending');
      if (input.employers.length === 0) check.add('employers', 'REQUIRED', 'at least one employer took part');
      const seen = new Set<string>();
      const employers = input.employers.map((e, i) => {
        const employerName = check.text(`employers.${i}.name`, e.name);
        const creditCode = check.creditCode(`employers.${i}.creditCode`, e.creditCode);
        const positions = check.int(`employers.${i}.positionsOffered`, e.positionsOffered, 1, 100_000);
        if (creditCode && seen.has(creditCode)) check.add(`employers.${i}.creditCode`, 'DUPLICATE', 'each employer is listed once');
        if (creditCode) seen.add(creditCode);
        return { employerName: employerName!, employerCreditCode: creditCode!, positionsOffered: positions };
      });
      check.done();
      const fair = await check.tx.jobFair.create({
        data: { id: newId(), name: name!, regionCode: regionCode!, heldOn: dateValue(heldOn!), venue: venue!, seekersAttending: seekers, intentsReached: intents },
      });
      await check.tx.jobFairEmployer.createMany({ data: employers.map((e) => ({ id: newId(), jobFairId: fair.id, ...e })) });
      return fair;
    }),

  applyMicroLoan: (_p, { input }, context) =>
    run(context, 'loan', async (check) => {
      const member = await requireMember(check, 'personId', check.id('personId', input.personId));
      const businessName = check.text('businessName', input.businessName);
      const businessCreditCode = check.creditCode('businessCreditCode', input.businessCreditCode, { required: input.borrowerKind === 'SMALL_BUSINESS' });
      const amount = check.money('amount', input.amount, { min: 1n, max: LOAN_CEILING_FEN[input.borrowerKind] });
      const appliedOn = check.date('appliedOn', input.appliedOn);
      if (member && (await check.tx.microLoan.findFirst({ where: { personId: member.personId, status: { in: ['APPLIED', 'APPROVED'] } } }))) {
        check.add('personId', 'DUPLICATE', 'the person already has an application under way');
      }
      check.done();
      return check.tx.microLoan.create({
        data: {
          id: newId(),
          personId: member!.personId,
          householdId: member!.householdId,
          regionCode: member!.regionCode,
          borrowerKind: input.borrowerKind,
          businessName: businessName!,
          businessCreditCode,
          amountFen: amount!,
          status: 'APPLIED',
          appliedOn: dateValue(appliedOn!),
        },
      });
    }, { operation: 'applyMicroLoan', input, reload: (tx, id) => tx.microLoan.findUnique({ where: { id } }) }),

  advanceMicroLoan: (_p, { input }, context) =>
    run(context, 'loan', async (check) => {
      const id = check.id('loanId', input.loanId);
      const on = check.date('on', input.on);
      const reason = check.text('reason', input.reason, { required: input.action === 'REJECT', max: 500 });
      const loan = id ? check.own(await check.tx.microLoan.findUnique({ where: { id } })) : null;
      if (id && !loan) check.add('loanId', 'NOT_FOUND', `no loan ${id}`);
      check.done();
      const step = transition(LOAN_WORKFLOW, loan!.status, input.action);
      if (!step.ok) return check.refuse('action', 'INVALID_TRANSITION', step.message);
      check.order('on', iso(loan!.disbursedOn) ?? iso(loan!.approvedOn) ?? iso(loan!.appliedOn), on, 'the previous step');
      check.done();
      const day = dateValue(on!);
      const data =
        input.action === 'APPROVE' ? { approvedOn: day } : input.action === 'DISBURSE' ? { disbursedOn: day } : input.action === 'REJECT' ? { closedOn: day, rejectReason: reason } : { closedOn: day };
      const { count } = await check.tx.microLoan.updateMany({ where: { id: id!, version: loan!.version }, data: { ...data, status: step.to, version: { increment: 1 } } });
      await guardedUpdate(check, count);
      return (await check.tx.microLoan.findUnique({ where: { id: id! } }))!;
    }, { operation: 'advanceMicroLoan', input, reload: (tx, id) => tx.microLoan.findUnique({ where: { id } }) }),
};
