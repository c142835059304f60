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
 * so each one checks. The check (one batched load of the labour-force records) runs beside the field's own load, so
 * every load is issued at once and batches the same way however the answers arrive.
 */
async function ifVisible<T>(person: PersonRef, context: Context, load: (id: string) => Promise<T>): Promise<T | null> {
  const [member, value] = await Promise.all([visibleMember(context, person.id), load(person.id)]);
  return member ? value : null;
}

export const Person: PersonResolvers = {
  // Keep the whole representation: @requires fields (deceased, disabilityGrade, household) arrive in it.
  __resolveReference: async (reference, context) => ((await visibleMember(context, reference.id)) ? reference : null),
  employmentStatus: (person, _args, context) =>
    ifVisible(person, context, async (id) => (await context.loaders.statusPeriodsByPersonId.load(id)).find((p) => p.endDate === null) ?? null),
  employmentHistory: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.statusPeriodsByPersonId.load(id))),
  employmentRegistrations: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.registrationsByPersonId.load(id))),
  employmentDifficulty: async (person, _args, context) => {
    const { loaders } = context;
    const [member, periods, certifications] = await Promise.all([
      visibleMember(context, person.id),
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
  placements: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.placementsByPersonId.load(id))),
  flexibleEmploymentSubsidies: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.subsidiesByPersonId.load(id))),
  trainingEnrolments: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.trainingByPersonId.load(id))),
  microLoans: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.loansByPersonId.load(id))),
  informalEmployment: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.organisationMembershipsByPersonId.load(id))),
  labourDisputes: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.disputesByApplicantId.load(id))),
  insuranceEnrolments: (person, _args, context) => ifVisible(person, context, async (id) => orNull(await context.loaders.insuranceByPersonId.load(id))),
  retirement: (person, _args, context) => ifVisible(person, context, (id) => context.loaders.retireeByPersonId.load(id)),
  pensionEligibility: async (person, { year }, context) => {
    requireYear('year', year);
    const found = await ifVisible(person, context, (id) =>
      Promise.all([context.loaders.retireeByPersonId.load(id), context.loaders.pensionCertificationsByPersonId.load(id)]),
    );
    if (!found?.[0]) return null;
    const certification = found[1].find((c) => c.year === year) ?? null;
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
