import type { ClientBase } from 'pg';
import { withCopyPipeline, type CopyValue } from '@hub/database';
import { addDays, deriveSeed, lookup, parseDate, Random, type DemoHousehold, type DemoPerson, type DemoPopulation } from '@hub/demo-population';
import { quarterStart } from '../domain/dates';

/** Bulk-loads the community's share of the demo population: the region tree, grids, households, persons, memberships, and the governance records. */
export async function loadDemoData(client: ClientBase, population: DemoPopulation): Promise<Record<string, number>> {
  // The tables are empty (the hub loads only empty schemas): their indexes are built once the rows are in.
  return withCopyPipeline(client, async (copies) => {
    await copies.send('community.region', ['code', 'name', 'level', 'parent_code', 'rural'], population.regions.map((r) => [r.code, r.name, r.level, r.parentCode, r.rural]));
    await copies.send('community.grid', ['id', 'region_code', 'name', 'worker_name', 'worker_phone'], population.grids.map((g) => [g.id, g.regionCode, g.name, g.workerName, g.workerPhone]));
    // Rows from generators: each row is encoded as it is made, so 300,000 row arrays never live at once.
    await copies.send(
      'community.household',
      ['id', 'household_number', 'region_code', 'grid_id', 'address', 'registration_type'],
      (function* () {
        for (const h of population.households) yield [h.id, h.householdNumber, h.regionCode, h.gridId, h.address, h.registrationType];
      })(),
    );
    await copies.send(
      'community.person',
      ['id', 'name', 'gender', 'birth_date', 'id_number', 'phone', 'ethnicity', 'party_member'],
      (function* () {
        for (const p of population.persons) yield [p.id, p.name, p.gender, p.birthDate, p.idNumber, p.phone, p.ethnicity, p.partyMember];
      })(),
    );
    await copies.send(
      'community.household_membership',
      ['id', 'household_id', 'person_id', 'relation', 'start_date', 'end_date'],
      (function* () {
        let membership = 0;
        for (const p of population.persons) yield [`00000000-0000-4000-8000-${(membership++).toString(16).padStart(12, '0')}`, p.householdId, p.id, p.relation, p.memberSince, null];
      })(),
    );
    // Built while PostgreSQL finishes the COPYs above.
    const governance = buildGovernance(population);
    for (const [table, { columns, rows }] of Object.entries(governance)) await copies.send(`community.${table}`, columns, rows);
    return {
      regions: population.regions.length,
      grids: population.grids.length,
      households: population.households.length,
      persons: population.persons.length,
      ...Object.fromEntries(Object.entries(governance).map(([table, { rows }]) => [table, rows.length])),
    };
  }, { deferIndexes: true });
}

/**
 * Rates from the seed's first, third and fourth reports, per community of a few thousand residents
 * (the demo's 800 households hold about 2,400). Each figure names its source.
 */
export const GOVERNANCE_RATES = {
  /** "登记建档率达到99以上": share of floating residents with an open registration. */
  floatingCoverage: 0.995,
  /** "接待来访群众300人次" a year for a community of a few thousand. */
  petitionVisitsPerYear: 300,
  /** "无一例越级上访事件": escalation is rare. */
  escalatedShare: 0.003,
  /** "家庭纠纷多": disputes screened and mediated a year. */
  disputesPerYear: 36,
  /** "五年里, 社区共评出了文明家庭、五好家庭40余户". */
  civilisedAndFiveGoodPerFiveYears: 42,
  /** "排查不安全隐患9处" a year, found on patrol. */
  hazardsPerYear: 9,
  /** "成立3个社区服务志愿者队伍". */
  volunteerTeams: ['青年志愿者服务队', '党员志愿者服务队', '爱心助老服务队'],
  /** Released persons under supervision ("两劳释放人员") per community. */
  supervisedPerCommunity: [3, 6] as const,
  /** Share of files already visited face to face this quarter (the rest are overdue). */
  visitedThisQuarter: 0.75,
  /** Years of history the demo covers. */
  years: 3,
} as const;

const ORGANISATIONS = [
  ['SECURITY_COMMITTEE', '治保会'],
  ['MEDIATION_COMMITTEE', '调解会'],
  ['SUPERVISION_GROUP', '帮教小组'],
  ['PATROL_TEAM', '治安巡逻队'],
  ['SECURITY_INFORMANTS', '治安信息员'],
  ['LEGAL_PUBLICITY_TEAM', '法律宣传小分队'],
  ['LEGAL_SERVICE_STATION', '法律服务站'],
] as const;
const CADRE_POSITIONS = ['PARTY_SECRETARY', 'DIRECTOR', 'DEPUTY_DIRECTOR', 'GOVERNANCE_DEPUTY', 'RELIEF_OFFICER', 'COMMITTEE_MEMBER', 'COMMITTEE_MEMBER'] as const;
const NEAR_RELATION: Record<string, string> = { SPOUSE: 'SPOUSE', CHILD: 'CHILD', PARENT: 'PARENT', GRANDCHILD: 'GRANDCHILD', SIBLING: 'SIBLING' };
const DISPUTE_SUMMARIES: Record<string, string[]> = {
  FAMILY: ['夫妻感情不和引发争吵', '赡养老人费用分担', '遗产继承分歧'],
  NEIGHBOURS: ['楼上漏水殃及楼下', '楼道堆放杂物', '装修噪音扰民', '宠物扰邻'],
  PROPERTY_MANAGEMENT: ['物业费收取争议', '小区停车位管理', '电梯维修费用分摊'],
  LABOUR: ['拖欠务工人员工资', '解除劳动合同补偿'],
  LAND: ['宅基地界址争议', '承包地边界纠纷'],
  DEBT: ['民间借贷到期未还', '合伙经营欠款'],
  OTHER: ['下水道堵塞责任', '违章搭建影响采光'],
};
const PETITION_SUBJECTS = ['咨询低保政策', '反映小区路灯损坏', '咨询医疗救助', '反映物业服务问题', '咨询就业培训', '反映邻里噪音', '咨询养老保险', '反映排水不畅', '咨询廉租住房', '反映环境卫生'];
const DEPARTMENTS = ['区统计局', '区卫健局', '区人社局', '区民政局', '区司法局', '区住建局', '区市场监管局', '区计生协'];
const TASKS = ['入户调查', '专项排查', '宣传活动', '信息采集', '创建评比迎检'];
const FORMS = ['月度统计报表', '季度台账', '专项工作登记表', '年度汇总表'];
const FINDINGS = ['楼道堆放杂物存在消防隐患', '小区消防通道被占用', '路灯损坏', '电动车楼道充电', '窨井盖缺失', '空置房屋门窗未锁', '集贸市场私拉电线', '施工围挡破损', '河道护栏松动'];

interface Table {
  columns: string[];
  rows: CopyValue[][];
}

function table(columns: string[]): Table {
  return { columns, rows: [] };
}

/** Whole days from one ISO date to a later one. */
function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to) - parseDate(from)) / 86_400_000);
}

function yearsBack(today: string, years: number): string {
  return `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
}

/** The governance records of every community, derived deterministically from the population. */
export function buildGovernance(population: DemoPopulation): Record<string, Table> {
  const random = new Random(deriveSeed(population.seed, 'community-governance'));
  const today = population.today;
  const since = yearsBack(today, GOVERNANCE_RATES.years);
  const { personById, ageToday, householdsByCommunity } = lookup(population);
  const age = (p: DemoPerson): number => ageToday.get(p.id)!;
  const t = {
    resident_tag: table(['id', 'person_id', 'kind', 'start_date', 'end_date', 'note']),
    household_honour: table(['id', 'household_id', 'kind', 'year', 'awarding_body']),
    floating_registration: table(['id', 'person_id', 'region_code', 'origin_code', 'origin_address', 'reason', 'arrival_date', 'permit_number', 'permit_expiry', 'departure_date']),
    cadre: table(['id', 'region_code', 'person_id', 'name', 'position', 'start_date', 'end_date']),
    cadre_relative: table(['id', 'cadre_id', 'person_id', 'relation', 'declared_on']),
    governance_organisation: table(['id', 'region_code', 'kind', 'name', 'founded_on']),
    organisation_member: table(['id', 'organisation_id', 'person_id', 'name', 'role', 'start_date', 'end_date']),
    patrol_log: table(['id', 'organisation_id', 'patrol_date', 'patrollers', 'route', 'findings', 'hazards_found', 'reported_to_police']),
    volunteer: table(['id', 'region_code', 'person_id', 'name', 'team', 'skills', 'start_date', 'end_date']),
    supervision_file: table(['id', 'person_id', 'region_code', 'category', 'release_date', 'start_date', 'end_date', 'cadre_id', 'note']),
    supervision_visit: table(['id', 'file_id', 'visit_date', 'mode', 'cadre_id', 'summary', 'help']),
    dispute: table(['id', 'region_code', 'category', 'source', 'status', 'summary', 'reported_on', 'closed_on', 'agreement', 'referred_to', 'closing_note']),
    dispute_party: table(['id', 'dispute_id', 'person_id', 'role']),
    mediation_session: table(['id', 'dispute_id', 'session_date', 'mediator', 'notes']),
    petition_visit: table(['id', 'region_code', 'visit_date', 'visitor_person_id', 'visitor_name', 'subject', 'cadre_id', 'outcome', 'escalated', 'note']),
    work_admission: table(['id', 'region_code', 'department', 'title', 'kind', 'requested_on', 'status', 'decided_on', 'decided_by', 'refusal_reason', 'funding_fen']),
  };

  for (const community of population.regions.filter((r) => r.level === 'COMMUNITY')) {
    const households = householdsByCommunity.get(community.code) ?? [];
    if (households.length === 0) continue;
    const residents = households.flatMap((h) => h.memberIds.map((id) => personById.get(id)!));
    const adults = residents.filter((p) => age(p) >= 18 && age(p) < 75);
    const scale = households.length / 800;
    const perYear = (n: number): number => Math.max(1, Math.round(n * scale));

    // Vulnerable residents: every 60+ living alone; a few left-behind children in villages; about 2 % disabled.
    for (const h of households) {
      const members = h.memberIds.map((id) => personById.get(id)!);
      if (members.length === 1 && age(members[0]!) >= 60) {
        t.resident_tag.rows.push([random.uuid(), members[0]!.id, 'ELDERLY_LIVING_ALONE', random.dateBetween(since, today), null, null]);
      }
      for (const m of members) {
        if (age(m) < 16 && community.rural && random.chance(0.15)) {
          t.resident_tag.rows.push([random.uuid(), m.id, 'LEFT_BEHIND_CHILD', random.dateBetween(m.birthDate > since ? m.birthDate : since, today), null, '父母外出务工, 由祖父母照看']);
        }
        if (random.chance(0.02)) t.resident_tag.rows.push([random.uuid(), m.id, 'DISABLED', random.dateBetween(m.birthDate > '2000-01-01' ? m.birthDate : '2000-01-01', today), null, null]);
      }
    }

    // Honours: 40-odd 文明家庭/五好家庭 over five years, a few 平安家庭 and 无家庭暴力 households.
    const honourYears = Array.from({ length: 5 }, (_, i) => Number(today.slice(0, 4)) - 4 + i);
    const honoured = new Set<string>();
    const award = (kind: string, body: string): void => {
      const h = random.pick(households);
      const year = random.pick(honourYears);
      const key = `${h.id}:${kind}:${year}`;
      if (honoured.has(key)) return;
      honoured.add(key);
      t.household_honour.rows.push([random.uuid(), h.id, kind, year, body]);
    };
    for (let i = 0; i < perYear(GOVERNANCE_RATES.civilisedAndFiveGoodPerFiveYears); i += 1) award(random.chance(0.5) ? 'CIVILISED_FAMILY' : 'FIVE_GOOD_FAMILY', random.pick(['区文明办', '区妇联', '街道办事处']));
    for (let i = 0; i < perYear(10); i += 1) award('SAFE_FAMILY', random.pick(['县妇联', '区综治办']));
    for (let i = 0; i < perYear(6); i += 1) award('NO_DOMESTIC_VIOLENCE', '区妇联');

    // Floating population: members of floating households, 99 %+ registered; a tenth had an earlier stay.
    for (const h of households.filter((x) => x.registrationType === 'FLOATING')) {
      for (const id of h.memberIds) {
        const p = personById.get(id)!;
        const arrival = p.memberSince > since ? p.memberSince : random.dateBetween(since, today);
        const origin = p.idNumber.slice(0, 6);
        if (random.chance(0.1) && arrival > '2015-01-01') {
          const earlier = random.dateBetween('2012-01-01', addDays(arrival, -400));
          t.floating_registration.rows.push([random.uuid(), p.id, community.code, origin, null, 'WORK', earlier, null, null, addDays(earlier, random.int(90, 365))]);
        }
        if (!random.chance(GOVERNANCE_RATES.floatingCoverage)) continue;
        const permit = age(p) >= 16 && random.chance(0.7);
        const reason = age(p) < 16 ? 'FAMILY' : random.weighted([['WORK', 60], ['BUSINESS', 20], ['FAMILY', 15], ['STUDY', 3], ['OTHER', 2]] as const);
        t.floating_registration.rows.push([
          random.uuid(), p.id, community.code, origin, null, reason, arrival,
          permit ? `JZ${origin}${String(random.int(0, 99_999_999)).padStart(8, '0')}` : null,
          permit ? addDays(arrival, 365 * 3) : null,
          null,
        ]);
      }
    }

    // Cadres: heads of families of two or more; they declare their household members as near relatives.
    const cadreIds: string[] = [];
    const candidates = households.filter((h) => h.memberIds.length >= 2 && age(personById.get(h.memberIds[0]!)!) >= 28 && age(personById.get(h.memberIds[0]!)!) < 60);
    CADRE_POSITIONS.forEach((position, i) => {
      const h = candidates[(i * 97 + random.int(0, 96)) % candidates.length];
      if (!h) return;
      const head = personById.get(h.memberIds[0]!)!;
      const cadreId = random.uuid();
      const start = random.dateBetween('2014-01-01', yearsBack(today, 1));
      cadreIds.push(cadreId);
      t.cadre.rows.push([cadreId, community.code, head.id, head.name, position, start, null]);
      for (const id of h.memberIds.slice(1)) {
        const relation = NEAR_RELATION[personById.get(id)!.relation];
        if (relation) t.cadre_relative.rows.push([random.uuid(), cadreId, id, relation, start]);
      }
    });
    // A former cadre whose term ended: their relatives no longer count for the conflict-of-interest check.
    const former = candidates[random.int(0, candidates.length - 1)];
    if (former) {
      const head = personById.get(former.memberIds[0]!)!;
      t.cadre.rows.push([random.uuid(), community.code, head.id, head.name, 'DIRECTOR', '2008-01-01', '2013-12-31']);
    }
    if (cadreIds.length === 0) continue;
    const governanceDeputy = cadreIds[3] ?? cadreIds[0]!;

    // The seven organisations with members; the patrol team patrols most days and reports monthly.
    for (const [kind, label] of ORGANISATIONS) {
      const orgId = random.uuid();
      const founded = random.dateBetween('2005-01-01', '2012-12-31');
      t.governance_organisation.rows.push([orgId, community.code, kind, `${community.name}${label}`, founded]);
      const size = kind === 'PATROL_TEAM' ? random.int(10, 16) : random.int(5, 9);
      const chosen = new Set<string>();
      for (let i = 0; i < size; i += 1) {
        const person = random.pick(adults);
        if (!person || chosen.has(person.id)) continue;
        chosen.add(person.id);
        t.organisation_member.rows.push([random.uuid(), orgId, person.id, person.name, i === 0 ? 'LEADER' : i === 1 ? 'DEPUTY' : 'MEMBER', random.dateBetween(founded, yearsBack(today, 1)), null]);
      }
      if (kind === 'LEGAL_SERVICE_STATION') t.organisation_member.rows.push([random.uuid(), orgId, null, `${random.pick(['灵泉', '正义', '明德'])}律师事务所律师`, 'MEMBER', random.dateBetween(founded, today), null]);
      if (kind === 'SECURITY_COMMITTEE') t.organisation_member.rows.push([random.uuid(), orgId, null, '社区民警', 'DEPUTY', random.dateBetween(founded, today), null]);
      if (kind === 'PATROL_TEAM') {
        let hazardsLeft = Math.round(GOVERNANCE_RATES.hazardsPerYear * scale);
        for (let day = 365; day >= 1; day -= 1) {
          if (random.chance(0.1)) continue;
          const date = addDays(today, -day);
          const hazard = hazardsLeft > 0 && random.chance(hazardsLeft / Math.max(1, day / 1.1)) ? 1 : 0;
          hazardsLeft -= hazard;
          t.patrol_log.rows.push([random.uuid(), orgId, date, random.int(2, 6), `${community.name}${random.pick(['东区', '西区', '南区', '北区', '集贸市场', '主干道'])}`, hazard ? random.pick(FINDINGS) : '未发现异常', hazard, hazard === 1 && random.chance(0.5)]);
        }
      }
    }
    // Volunteers in the three teams.
    for (const team of GOVERNANCE_RATES.volunteerTeams) {
      for (let i = 0; i < random.int(10, 20); i += 1) {
        const person = random.pick(adults);
        if (!person) continue;
        const start = random.dateBetween('2015-01-01', today);
        const end = random.chance(0.1) ? addDays(start, random.int(0, daysBetween(start, today))) : null;
        t.volunteer.rows.push([random.uuid(), community.code, person.id, person.name, team, random.pick([null, '理发', '维修家电', '法律咨询', '陪护老人', '文艺演出']), start, end]);
      }
    }

    // Supervision of released persons: one file each, a face-to-face visit every quarter, phone calls between.
    const supervised = random.int(...GOVERNANCE_RATES.supervisedPerCommunity);
    const used = new Set<string>();
    const supervisable = adults.filter((p) => p.gender === 'MALE' && age(p) >= 22);
    for (let i = 0; i < supervised; i += 1) {
      const person = random.pick(supervisable);
      if (!person || used.has(person.id)) continue;
      used.add(person.id);
      const release = random.dateBetween(yearsBack(today, 6), addDays(today, -30));
      const start = addDays(release, random.int(1, 20));
      const end = start < yearsBack(today, 5) ? addDays(start, 365 * 5) : null;
      const fileId = random.uuid();
      const cadreId = random.chance(0.5) ? governanceDeputy : random.pick(cadreIds);
      t.supervision_file.rows.push([fileId, person.id, community.code, random.chance(0.8) ? 'RELEASED_PRISONER' : 'RELEASED_FROM_REEDUCATION', release, start, end, cadreId, null]);
      const last = end && end < today ? end : today;
      const visitedThisQuarter = random.chance(GOVERNANCE_RATES.visitedThisQuarter);
      for (let q = quarterStart(start); q <= last; q = addDays(quarterStart(addDays(q, 100)), 0)) {
        const quarterEndDay = addDays(quarterStart(addDays(q, 100)), -1);
        const from = q < start ? start : q;
        const to = quarterEndDay < last ? quarterEndDay : last;
        if (from > to) continue;
        const current = q === quarterStart(today);
        if (!current || visitedThisQuarter) {
          const help = random.chance(0.2) ? '{JOB_REFERRAL}' : random.chance(0.1) ? '{LIVING_ASSISTANCE,COUNSELLING}' : '{}';
          t.supervision_visit.rows.push([random.uuid(), fileId, random.dateBetween(from, to), 'FACE_TO_FACE', cadreId, '面对面思想帮教, 了解生活就业情况', help]);
        }
        if (random.chance(0.6)) t.supervision_visit.rows.push([random.uuid(), fileId, random.dateBetween(from, to), 'PHONE', cadreId, '电话回访', '{}']);
      }
    }

    // Disputes found by screening, patrol, visits and referral, mediated by the mediation committee.
    for (let i = 0; i < perYear(GOVERNANCE_RATES.disputesPerYear) * GOVERNANCE_RATES.years; i += 1) {
      const category = random.weighted([['FAMILY', 30], ['NEIGHBOURS', 30], ['PROPERTY_MANAGEMENT', 15], ['LABOUR', 8], ['LAND', community.rural ? 10 : 1], ['DEBT', 8], ['OTHER', 5]] as const);
      const reported = random.dateBetween(since, today);
      const daysAgo = daysBetween(reported, today);
      const status = daysAgo < 10 ? random.pick(['REPORTED', 'MEDIATING'] as const) : daysAgo < 30 && random.chance(0.3) ? 'MEDIATING' : random.weighted([['RESOLVED', 85], ['REFERRED', 8], ['FAILED', 7]] as const);
      const closed = status === 'RESOLVED' || status === 'REFERRED' || status === 'FAILED';
      const closedOn = closed ? addDays(reported, random.int(2, Math.min(30, daysAgo))) : null;
      const disputeId = random.uuid();
      const summary = random.pick(DISPUTE_SUMMARIES[category]!);
      t.dispute.rows.push([
        disputeId, community.code, category, random.weighted([['SCREENING', 40], ['PATROL', 20], ['VISIT', 30], ['REFERRAL', 10]] as const), status, summary, reported, closedOn,
        status === 'RESOLVED' ? '经调解双方达成一致, 签订调解协议书' : null,
        status === 'REFERRED' ? random.pick(['街道司法所', '区人民法院', '区劳动人事争议仲裁委员会', '派出所']) : null,
        status === 'FAILED' ? '一方拒绝调解, 告知通过诉讼途径解决' : null,
      ]);
      const applicantIndex = random.index(households.length);
      const h = households[applicantIndex]!;
      const applicant = personById.get(h.memberIds[0]!)!;
      // Another household: a pick among the others, without building the list of the others.
      const other = (): DemoHousehold => {
        const j = random.index(households.length - 1);
        return households[j < applicantIndex ? j : j + 1]!;
      };
      const respondentHousehold = category === 'FAMILY' && h.memberIds.length > 1 ? h : other();
      const respondentId = respondentHousehold === h ? h.memberIds[1]! : respondentHousehold.memberIds[0]!;
      t.dispute_party.rows.push([random.uuid(), disputeId, applicant.id, 'APPLICANT'], [random.uuid(), disputeId, respondentId, 'RESPONDENT']);
      if (status !== 'REPORTED') {
        const lastDay = closedOn ?? today;
        for (let s = 0; s < random.int(1, 3); s += 1) t.mediation_session.rows.push([random.uuid(), disputeId, random.dateBetween(reported, lastDay), '调解会调解员', random.pick(['双方到场陈述', '分别做思想工作', '邀请律师释法'])]);
      }
    }

    // Petition visits: about 300 a year, almost none escalated.
    for (let i = 0; i < perYear(GOVERNANCE_RATES.petitionVisitsPerYear) * GOVERNANCE_RATES.years; i += 1) {
      const visitor = random.chance(0.8) ? random.pick(adults) : undefined;
      const date = random.dateBetween(since, today);
      const outcome = daysBetween(date, today) < 7 && random.chance(0.5) ? 'PENDING' : random.weighted([['ANSWERED', 80], ['REFERRED', 15], ['DISPUTE_OPENED', 5]] as const);
      t.petition_visit.rows.push([random.uuid(), community.code, date, visitor?.id ?? null, visitor?.name ?? '外来人员', random.pick(PETITION_SUBJECTS), random.pick(cadreIds), outcome, random.chance(GOVERNANCE_RATES.escalatedShare), null]);
    }

    // Work admission: departments ask, the coordinating body admits funded tasks and needed forms, refuses the rest (减负).
    for (let i = 0; i < 10 * GOVERNANCE_RATES.years; i += 1) {
      const kind = random.chance(0.5) ? 'TASK' : 'REPORT_FORM';
      const department = random.pick(DEPARTMENTS);
      const requested = random.dateBetween(since, today);
      const pending = daysBetween(requested, today) < 14;
      const approved = !pending && random.chance(0.6);
      const decided = pending ? null : addDays(requested, random.int(1, 10));
      const funding = kind === 'TASK' && (approved || random.chance(0.3)) ? BigInt(random.int(20, 500)) * 10_000n : 0n;
      t.work_admission.rows.push([
        random.uuid(), community.code, department, `${department}${kind === 'TASK' ? random.pick(TASKS) : random.pick(FORMS)}`, kind, requested,
        pending ? 'PENDING' : approved ? 'APPROVED' : 'REFUSED', decided, pending ? null : '区社区建设协调小组',
        pending || approved ? null : random.pick(['属行政部门职责, 应由部门收回', '与已有报表重复', '未按"费随事转"落实经费']), funding,
      ]);
    }
  }
  return t;
}
