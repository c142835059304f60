import type { EmploymentStatusPeriodResolvers, PersonResolvers } from '../generated/resolvers-types';
import { difficultyCategories, type DifficultyCategory } from '../domain/difficulty';
import { today } from '../domain/dates';
import { pensionEligibility } from '../domain/rules';
import { requireYear } from './errors';

/** Lists a person has with the labour office: null (not empty) when the office holds no record of the person. */
const orNull = <T>(rows: T[]): T[] | null => (rows.length > 0 ? rows : null);

export const Person: PersonResolvers = {
  // Keep the whole representation: @requires fields (deceased, disabilityGrade, household) arrive in it.
  __resolveReference: (reference) => reference,
  employmentStatus: async ({ id }, _args, { loaders }) => (await loaders.statusPeriodsByPersonId.load(id)).find((p) => p.endDate === null) ?? null,
  employmentHistory: async ({ id }, _args, { loaders }) => orNull(await loaders.statusPeriodsByPersonId.load(id)),
  employmentRegistrations: async ({ id }, _args, { loaders }) => orNull(await loaders.registrationsByPersonId.load(id)),
  employmentDifficulty: async (person, _args, { loaders }) => {
    const [member, periods, certifications] = await Promise.all([
      loaders.memberByPersonId.load(person.id),
      loaders.statusPeriodsByPersonId.load(person.id),
      loaders.certificationsByPersonId.load(person.id),
    ]);
    if (!member) return null;
    const episodes = await loaders.episodesByHouseholdId.load(member.householdId);
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
  placements: async ({ id }, _args, { loaders }) => orNull(await loaders.placementsByPersonId.load(id)),
  flexibleEmploymentSubsidies: async ({ id }, _args, { loaders }) => orNull(await loaders.subsidiesByPersonId.load(id)),
  trainingEnrolments: async ({ id }, _args, { loaders }) => orNull(await loaders.trainingByPersonId.load(id)),
  microLoans: async ({ id }, _args, { loaders }) => orNull(await loaders.loansByPersonId.load(id)),
  informalEmployment: async ({ id }, _args, { loaders }) => orNull(await loaders.organisationMembershipsByPersonId.load(id)),
  labourDisputes: async ({ id }, _args, { loaders }) => orNull(await loaders.disputesByApplicantId.load(id)),
  insuranceEnrolments: async ({ id }, _args, { loaders }) => orNull(await loaders.insuranceByPersonId.load(id)),
  retirement: ({ id }, _args, { loaders }) => loaders.retireeByPersonId.load(id),
  pensionEligibility: async (person, { year }, { loaders }) => {
    requireYear('year', year);
    const retiree = await loaders.retireeByPersonId.load(person.id);
    if (!retiree) return null;
    const certification = (await loaders.pensionCertificationsByPersonId.load(person.id)).find((c) => c.year === year) ?? null;
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
