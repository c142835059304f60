import type { EmploymentStatusPeriodResolvers, PersonResolvers } from '../generated/resolvers-types';
import { difficultyCategories, type DifficultyCategory } from '../domain/difficulty';
import { today } from '../domain/dates';
import { pensionEligibility } from '../domain/rules';
import { requireYear } from './errors';
import { visibleMember } from './access';
import type { Context } from '../context';
import type { PersonRef } from '../data/models';

/** Lists a person has with the labour office: null (not empty) when the office holds no record of the person. */
const orNull = <T>(rows: T[]): T[] | null => (rows.length > 0 ? rows : null);

/**
 * Every field of Person answers null for a person the caller may not see. Fields are reached through
 * `__resolveReference` and also directly, when a record of this subgraph names its person (Placement.person, ...),
 * so each one checks; the labour-force record is one batched load shared by all of them.
 */
const visibleId = async (person: PersonRef, context: Context): Promise<string | null> => ((await visibleMember(context, person.id)) ? person.id : null);

export const Person: PersonResolvers = {
  // Keep the whole representation: @requires fields (deceased, disabilityGrade, household) arrive in it.
  __resolveReference: async (reference, context) => ((await visibleMember(context, reference.id)) ? reference : null),
  employmentStatus: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? ((await context.loaders.statusPeriodsByPersonId.load(id)).find((p) => p.endDate === null) ?? null) : null;
  },
  employmentHistory: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.statusPeriodsByPersonId.load(id)) : null;
  },
  employmentRegistrations: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.registrationsByPersonId.load(id)) : null;
  },
  employmentDifficulty: async (person, _args, context) => {
    const { loaders } = context;
    const member = await visibleMember(context, person.id);
    if (!member) return null;
    const [periods, certifications, episodes] = await Promise.all([
      loaders.statusPeriodsByPersonId.load(person.id),
      loaders.certificationsByPersonId.load(person.id),
      loaders.episodesByHouseholdId.load(member.householdId),
    ]);
    const current = periods.find((p) => p.endDate === null);
    const certification = certifications.find((c) => c.endedOn === null) ?? null;
    const categories = difficultyCategories({
      day: today(),
      birthDate: member.birthDate.toISOString().slice(0, 10),
      gender: member.gender,
      statedCategories: (certification?.statedCategories ?? []) as DifficultyCategory[],
      zeroEmploymentFamily: episodes.some((e) => e.resolvedOn === null),
      registeredUnemployedSince: current?.status === 'REGISTERED_UNEMPLOYED' ? current.startDate.toISOString().slice(0, 10) : null,
      disabilityGrade: person.disabilityGrade,
      receivesDibao: person.household?.receivesDibao,
    });
    return { certification, categories };
  },
  placements: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.placementsByPersonId.load(id)) : null;
  },
  flexibleEmploymentSubsidies: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.subsidiesByPersonId.load(id)) : null;
  },
  trainingEnrolments: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.trainingByPersonId.load(id)) : null;
  },
  microLoans: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.loansByPersonId.load(id)) : null;
  },
  informalEmployment: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.organisationMembershipsByPersonId.load(id)) : null;
  },
  labourDisputes: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.disputesByApplicantId.load(id)) : null;
  },
  insuranceEnrolments: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? orNull(await context.loaders.insuranceByPersonId.load(id)) : null;
  },
  retirement: async (person, _args, context) => {
    const id = await visibleId(person, context);
    return id ? context.loaders.retireeByPersonId.load(id) : null;
  },
  pensionEligibility: async (person, { year }, context) => {
    requireYear('year', year);
    const id = await visibleId(person, context);
    const retiree = id ? await context.loaders.retireeByPersonId.load(id) : null;
    if (!retiree) return null;
    const certification = (await context.loaders.pensionCertificationsByPersonId.load(person.id)).find((c) => c.year === year) ?? null;
    return {
      year,
      ...pensionEligibility({ year, certified: certification !== null, deceased: person.deceased, today: today() }),
      certifiedOn: certification?.certifiedOn ?? null,
      method: certification?.method ?? null,
    };
  },
};

export const EmploymentStatusPeriod: EmploymentStatusPeriodResolvers = {
  since: (period) => period.startDate,
  until: (period) => period.endDate,
};
