import { byKey, groupByKey } from '@hub/database';
import DataLoader from 'dataloader';
import type { CommunityDb } from './db';
import type {
  CadreRelativeRow,
  CommunityStatisticsRow,
  CadreRow,
  DisputePartyRow,
  DisputeRow,
  FloatingRegistrationRow,
  GovernanceOrganisationRow,
  GridRow,
  HouseholdHonourRow,
  HouseholdRow,
  MediationSessionRow,
  MembershipRow,
  OrganisationMemberRow,
  PersonRow,
  PetitionVisitRow,
  RegionRow,
  ResidentTagRow,
  SupervisionFileRow,
  SupervisionVisitRow,
  VolunteerRow,
  WorkAdmissionRow,
} from './models';
import { dbDate } from './dates';
import { personRegionCodes } from './personRegion';
import { loadRegionCounts, loadStatistics } from './statistics';
import { todayInChina } from '../domain/dates';

/** Region counts over a subtree. */
export interface RegionCounts {
  population: number;
  householdCount: number;
}

const RELATION_ORDER = ['HEAD', 'SPOUSE', 'PARENT', 'CHILD', 'GRANDCHILD', 'SIBLING', 'OTHER'];

const byId = <K extends { id: string }>(ids: readonly string[], rows: K[]) => byKey(ids, rows, (r) => r.id);

/** One set per request: every entity reference and relation is batched into one statement per kind. */
export function createLoaders(db: CommunityDb, today: string = todayInChina()) {
  const { prisma } = db;
  const todayDate = dbDate(today);
  const serving = { startDate: { lte: todayDate }, OR: [{ endDate: null }, { endDate: { gte: todayDate } }] };
  const supervisionVisitsByFileId = new DataLoader<string, SupervisionVisitRow[]>(async (ids) =>
    groupByKey(ids, await prisma.supervisionVisit.findMany({ where: { fileId: { in: [...ids] } }, orderBy: [{ visitDate: 'desc' }, { id: 'desc' }] }), (v) => v.fileId),
  );
  const disputeById = new DataLoader<string, DisputeRow | null>(async (ids) => byId(ids, await prisma.dispute.findMany({ where: { id: { in: [...ids] } } })));
  const cadreById = new DataLoader<string, CadreRow | null>(async (ids) => byId(ids, await prisma.cadre.findMany({ where: { id: { in: [...ids] } } })));
  const partiesByDisputeId = new DataLoader<string, DisputePartyRow[]>(async (ids) =>
    groupByKey(ids, await prisma.disputeParty.findMany({ where: { disputeId: { in: [...ids] } }, orderBy: [{ role: 'asc' }, { id: 'asc' }] }), (p) => p.disputeId),
  );
  const sessionsByDisputeId = new DataLoader<string, MediationSessionRow[]>(async (ids) =>
    groupByKey(ids, await prisma.mediationSession.findMany({ where: { disputeId: { in: [...ids] } }, orderBy: [{ sessionDate: 'asc' }, { id: 'asc' }] }), (s) => s.disputeId),
  );
  const relativesByCadreId = new DataLoader<string, CadreRelativeRow[]>(async (ids) =>
    groupByKey(ids, await prisma.cadreRelative.findMany({ where: { cadreId: { in: [...ids] } }, orderBy: [{ declaredOn: 'asc' }, { id: 'asc' }] }), (r) => r.cadreId),
  );
  return {
    /** The day "current" and "overdue" refer to, fixed for the request. */
    today,
    regionByCode: new DataLoader<string, RegionRow | null>((codes) => db.regions.get(codes)),
    childrenByRegionCode: new DataLoader<string, RegionRow[]>(async (codes) =>
      groupByKey(codes, await prisma.region.findMany({ where: { parentCode: { in: [...codes] } }, orderBy: { code: 'asc' } }), (r) => r.parentCode!),
    ),
    gridById: new DataLoader<string, GridRow | null>(async (ids) =>
      byKey(ids, await prisma.grid.findMany({ where: { id: { in: [...ids] } } }), (g) => g.id),
    ),
    gridsByRegionCode: new DataLoader<string, GridRow[]>(async (codes) =>
      groupByKey(codes, await prisma.grid.findMany({ where: { regionCode: { in: [...codes] } }, orderBy: { name: 'asc' } }), (g) => g.regionCode),
    ),
    householdById: new DataLoader<string, HouseholdRow | null>(async (ids) =>
      byKey(ids, await prisma.household.findMany({ where: { id: { in: [...ids] } } }), (h) => h.id),
    ),
    personById: new DataLoader<string, PersonRow | null>(async (ids) =>
      byKey(ids, await prisma.person.findMany({ where: { id: { in: [...ids] } } }), (p) => p.id),
    ),
    /** Where community places each person (the region its jurisdiction checks use); null when nowhere yet. */
    personRegionById: new DataLoader<string, string | null>(async (ids) => {
      const regions = await personRegionCodes(prisma, ids);
      return ids.map((id) => regions.get(id) ?? null);
    }),
    personByIdNumber: new DataLoader<string, PersonRow | null>(async (numbers) =>
      byKey(numbers, await prisma.person.findMany({ where: { idNumber: { in: [...numbers] } } }), (p) => p.idNumber),
    ),
    currentMembersByHouseholdId: new DataLoader<string, MembershipRow[]>(async (ids) => {
      const rows = await prisma.householdMembership.findMany({ where: { householdId: { in: [...ids] }, endDate: null } });
      rows.sort((a, b) => RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) || a.startDate.getTime() - b.startDate.getTime());
      return groupByKey(ids, rows, (m) => m.householdId);
    }),
    currentMembershipByPersonId: new DataLoader<string, MembershipRow | null>(async (ids) =>
      byKey(ids, await prisma.householdMembership.findMany({ where: { personId: { in: [...ids] }, endDate: null } }), (m) => m.personId),
    ),
    /** Key: a region-code prefix (a region's code, or the prefix of a province or city); read from the maintained summary. */
    regionCounts: new DataLoader<string, RegionCounts>((codes) => loadRegionCounts(prisma, codes)),
    membershipsByHouseholdId: new DataLoader<string, MembershipRow[]>(async (ids) => {
      const rows = await prisma.householdMembership.findMany({ where: { householdId: { in: [...ids] } } });
      rows.sort((a, b) => a.startDate.getTime() - b.startDate.getTime() || RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) || a.id.localeCompare(b.id));
      return groupByKey(ids, rows, (m) => m.householdId);
    }),
    honoursByHouseholdId: new DataLoader<string, HouseholdHonourRow[]>(async (ids) =>
      groupByKey(ids, await prisma.householdHonour.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ year: 'desc' }, { kind: 'asc' }] }), (h) => h.householdId),
    ),
    currentTagsByPersonId: new DataLoader<string, ResidentTagRow[]>(async (ids) =>
      groupByKey(ids, await prisma.residentTag.findMany({ where: { personId: { in: [...ids] }, endDate: null }, orderBy: { kind: 'asc' } }), (t) => t.personId),
    ),
    floatingRegistrationsByPersonId: new DataLoader<string, FloatingRegistrationRow[]>(async (ids) =>
      groupByKey(ids, await prisma.floatingRegistration.findMany({ where: { personId: { in: [...ids] } }, orderBy: [{ arrivalDate: 'desc' }, { id: 'desc' }] }), (f) => f.personId),
    ),
    supervisionFileById: new DataLoader<string, SupervisionFileRow | null>(async (ids) => byId(ids, await prisma.supervisionFile.findMany({ where: { id: { in: [...ids] } } }))),
    /** A person's supervision file with its visits in one statement (primed into supervisionVisitsByFileId): overdue needs them. */
    supervisionFileByPersonId: new DataLoader<string, SupervisionFileRow | null>(async (ids) => {
      const rows = await prisma.$queryRaw<
        {
          id: string;
          person_id: string;
          region_code: string;
          category: SupervisionFileRow['category'];
          release_date: string;
          start_date: string;
          end_date: string | null;
          cadre_id: string;
          note: string | null;
          visits: { id: string; file_id: string; visit_date: string; mode: SupervisionVisitRow['mode']; cadre_id: string; summary: string; help: SupervisionVisitRow['help'] }[];
        }[]
      >`
        SELECT f.id::text, f.person_id::text, f.region_code, f.category::text, f.release_date::text, f.start_date::text, f.end_date::text,
               f.cadre_id::text, f.note,
               coalesce((SELECT json_agg(json_build_object('id', v.id, 'file_id', v.file_id, 'visit_date', v.visit_date, 'mode', v.mode,
                                                           'cadre_id', v.cadre_id, 'summary', v.summary, 'help', v.help) ORDER BY v.visit_date DESC, v.id DESC)
                           FROM "community"."supervision_visit" v WHERE v.file_id = f.id), '[]') AS visits
          FROM "community"."supervision_file" f
         WHERE f.person_id = ANY(${[...ids]}::uuid[])`;
      const files = rows.map((r) => {
        supervisionVisitsByFileId.prime(
          r.id,
          r.visits.map((v) => ({ id: v.id, fileId: v.file_id, visitDate: dbDate(v.visit_date), mode: v.mode, cadreId: v.cadre_id, summary: v.summary, help: v.help })),
        );
        const file: SupervisionFileRow = {
          id: r.id,
          personId: r.person_id,
          regionCode: r.region_code,
          category: r.category,
          releaseDate: dbDate(r.release_date),
          startDate: dbDate(r.start_date),
          endDate: r.end_date === null ? null : dbDate(r.end_date),
          cadreId: r.cadre_id,
          note: r.note,
        };
        return file;
      });
      return byKey(ids, files, (f) => f.personId);
    }),
    supervisionVisitsByFileId,
    disputeById,
    partiesByDisputeId,
    sessionsByDisputeId,
    /** The disputes a person is a party to, read with all their parties and sessions in one statement (primed into disputeById, partiesByDisputeId, sessionsByDisputeId). */
    disputesByPartyPersonId: new DataLoader<string, DisputeRow[]>(async (ids) => {
      const rows = await prisma.$queryRaw<
        {
          party_person_id: string;
          id: string;
          region_code: string;
          category: DisputeRow['category'];
          source: DisputeRow['source'];
          status: DisputeRow['status'];
          summary: string;
          reported_on: string;
          closed_on: string | null;
          agreement: string | null;
          referred_to: string | null;
          closing_note: string | null;
          version: number;
          parties: { id: string; dispute_id: string; person_id: string; role: DisputePartyRow['role'] }[];
          sessions: { id: string; dispute_id: string; session_date: string; mediator: string; notes: string }[];
        }[]
      >`
        SELECT p.person_id::text AS party_person_id, d.id::text, d.region_code, d.category::text, d.source::text, d.status::text, d.summary,
               d.reported_on::text, d.closed_on::text, d.agreement, d.referred_to, d.closing_note, d.version,
               coalesce((SELECT json_agg(json_build_object('id', a.id, 'dispute_id', a.dispute_id, 'person_id', a.person_id, 'role', a.role) ORDER BY a.role, a.id)
                           FROM "community"."dispute_party" a WHERE a.dispute_id = d.id), '[]') AS parties,
               coalesce((SELECT json_agg(json_build_object('id', s.id, 'dispute_id', s.dispute_id, 'session_date', s.session_date, 'mediator', s.mediator,
                                                           'notes', s.notes) ORDER BY s.session_date, s.id)
                           FROM "community"."mediation_session" s WHERE s.dispute_id = d.id), '[]') AS sessions
          FROM "community"."dispute_party" p JOIN "community"."dispute" d ON d.id = p.dispute_id
         WHERE p.person_id = ANY(${[...ids]}::uuid[])
         ORDER BY d.reported_on DESC, d.id DESC`;
      const disputes = rows.map((r) => {
        const dispute: DisputeRow = {
          id: r.id,
          regionCode: r.region_code,
          category: r.category,
          source: r.source,
          status: r.status,
          summary: r.summary,
          reportedOn: dbDate(r.reported_on),
          closedOn: r.closed_on === null ? null : dbDate(r.closed_on),
          agreement: r.agreement,
          referredTo: r.referred_to,
          closingNote: r.closing_note,
          version: r.version,
        };
        disputeById.prime(dispute.id, dispute);
        partiesByDisputeId.prime(
          dispute.id,
          r.parties.map((a) => ({ id: a.id, disputeId: a.dispute_id, personId: a.person_id, role: a.role })),
        );
        sessionsByDisputeId.prime(
          dispute.id,
          r.sessions.map((x) => ({ id: x.id, disputeId: x.dispute_id, sessionDate: dbDate(x.session_date), mediator: x.mediator, notes: x.notes })),
        );
        return { personId: r.party_person_id, dispute };
      });
      return ids.map((id) => disputes.filter((d) => d.personId === id).map((d) => d.dispute));
    }),
    petitionVisitById: new DataLoader<string, PetitionVisitRow | null>(async (ids) => byId(ids, await prisma.petitionVisit.findMany({ where: { id: { in: [...ids] } } }))),
    organisationById: new DataLoader<string, GovernanceOrganisationRow | null>(async (ids) =>
      byId(ids, await prisma.governanceOrganisation.findMany({ where: { id: { in: [...ids] } } })),
    ),
    organisationsByRegionCode: new DataLoader<string, GovernanceOrganisationRow[]>(async (codes) =>
      groupByKey(codes, await prisma.governanceOrganisation.findMany({ where: { regionCode: { in: [...codes] } }, orderBy: { kind: 'asc' } }), (o) => o.regionCode),
    ),
    currentMembersByOrganisationId: new DataLoader<string, OrganisationMemberRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.organisationMember.findMany({ where: { organisationId: { in: [...ids] }, ...serving }, orderBy: [{ role: 'asc' }, { startDate: 'asc' }, { id: 'asc' }] }),
        (m) => m.organisationId,
      ),
    ),
    cadreById,
    relativesByCadreId,
    servingCadresByRegionCode: new DataLoader<string, CadreRow[]>(async (codes) =>
      groupByKey(codes, await prisma.cadre.findMany({ where: { regionCode: { in: [...codes] }, ...serving }, orderBy: [{ position: 'asc' }, { startDate: 'asc' }, { id: 'asc' }] }), (c) => c.regionCode),
    ),
    /** A person's cadre terms with their declared relatives in one statement (primed into relativesByCadreId). */
    cadresByPersonId: new DataLoader<string, CadreRow[]>(async (ids) => {
      const rows = await prisma.$queryRaw<
        {
          id: string;
          region_code: string;
          person_id: string;
          name: string;
          position: CadreRow['position'];
          start_date: string;
          end_date: string | null;
          relatives: { id: string; cadre_id: string; person_id: string; relation: CadreRelativeRow['relation']; declared_on: string }[];
        }[]
      >`
        SELECT c.id::text, c.region_code, c.person_id::text, c.name, c.position::text, c.start_date::text, c.end_date::text,
               coalesce((SELECT json_agg(json_build_object('id', r.id, 'cadre_id', r.cadre_id, 'person_id', r.person_id, 'relation', r.relation,
                                                           'declared_on', r.declared_on) ORDER BY r.declared_on, r.id)
                           FROM "community"."cadre_relative" r WHERE r.cadre_id = c.id), '[]') AS relatives
          FROM "community"."cadre" c
         WHERE c.person_id = ANY(${[...ids]}::uuid[])
         ORDER BY c.start_date DESC, c.id`;
      const cadres = rows.map((r) => {
        relativesByCadreId.prime(
          r.id,
          r.relatives.map((x) => ({ id: x.id, cadreId: x.cadre_id, personId: x.person_id, relation: x.relation, declaredOn: dbDate(x.declared_on) })),
        );
        const cadre: CadreRow = {
          id: r.id,
          regionCode: r.region_code,
          personId: r.person_id,
          name: r.name,
          position: r.position,
          startDate: dbDate(r.start_date),
          endDate: r.end_date === null ? null : dbDate(r.end_date),
        };
        return cadre;
      });
      return groupByKey(ids, cadres, (c) => c.personId!);
    }),
    /** Declarations naming a person, by cadres serving today: what the conflict-of-interest check needs. */
    servingCadreRelationsByPersonId: new DataLoader<string, CadreRelativeRow[]>(async (ids) => {
      // One statement whatever the data: the join keeps declarations of cadres in office today and brings each cadre
      // along (primed into cadreById), so the jurisdiction check of the declarations needs no second statement.
      const rows = await prisma.$queryRaw<
        {
          id: string;
          cadre_id: string;
          person_id: string;
          relation: CadreRelativeRow['relation'];
          declared_on: string;
          cadre_region_code: string;
          cadre_person_id: string | null;
          cadre_name: string;
          cadre_position: CadreRow['position'];
          cadre_start_date: string;
          cadre_end_date: string | null;
        }[]
      >`
        SELECT r.id::text, r.cadre_id::text, r.person_id::text, r.relation::text, r.declared_on::text,
               c.region_code AS cadre_region_code, c.person_id::text AS cadre_person_id, c.name AS cadre_name,
               c.position::text AS cadre_position, c.start_date::text AS cadre_start_date, c.end_date::text AS cadre_end_date
          FROM "community"."cadre_relative" r JOIN "community"."cadre" c ON c.id = r.cadre_id
         WHERE r.person_id = ANY(${[...ids]}::uuid[]) AND c.start_date <= ${today}::date AND (c.end_date IS NULL OR c.end_date >= ${today}::date)
         ORDER BY r.declared_on, r.id`;
      for (const r of rows) {
        cadreById.prime(r.cadre_id, {
          id: r.cadre_id,
          regionCode: r.cadre_region_code,
          personId: r.cadre_person_id,
          name: r.cadre_name,
          position: r.cadre_position,
          startDate: dbDate(r.cadre_start_date),
          endDate: r.cadre_end_date === null ? null : dbDate(r.cadre_end_date),
        });
      }
      const relations: CadreRelativeRow[] = rows.map((r) => ({ id: r.id, cadreId: r.cadre_id, personId: r.person_id, relation: r.relation, declaredOn: dbDate(r.declared_on) }));
      return groupByKey(ids, relations, (r) => r.personId);
    }),
    activeVolunteersByRegionCode: new DataLoader<string, VolunteerRow[]>(async (codes) =>
      groupByKey(codes, await prisma.volunteer.findMany({ where: { regionCode: { in: [...codes] }, ...serving }, orderBy: [{ team: 'asc' }, { startDate: 'asc' }, { id: 'asc' }] }), (v) => v.regionCode),
    ),
    workAdmissionById: new DataLoader<string, WorkAdmissionRow | null>(async (ids) => byId(ids, await prisma.workAdmission.findMany({ where: { id: { in: [...ids] } } }))),
    workAdmissionsByRegionCode: new DataLoader<string, WorkAdmissionRow[]>(async (codes) =>
      groupByKey(codes, await prisma.workAdmission.findMany({ where: { regionCode: { in: [...codes] } }, orderBy: [{ requestedOn: 'desc' }, { id: 'desc' }] }), (w) => w.regionCode),
    ),
    /** Key: `${prefix}:${year}` with an empty year for all years; a prefix is a region code or a province's or city's prefix. */
    statistics: new DataLoader<string, CommunityStatisticsRow>((keys) => loadStatistics(db, keys, today)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
