import { lookup, type DemoPerson, type DemoPopulation, type Random } from '@hub/demo-population';
import { addYears } from '../domain/dates';
import { riskLevel } from '../domain/risk';
import type { DemoInjury } from './demo';
import { PHASE_TASKS, STANDARD_BODIES } from './bodies';
import { planPhases } from '../domain/programme';

// The seventh seed report: a town that became a provincial safe community in October 2014 plans national
// status by October 2017, in five phases, with a promotion committee, its office, three non-specialist
// groups (publicity, supervision, injury statistics led by 副镇长、安办主任 周敏), seven project groups
// and a working group in every village.

type Row = (string | number | boolean | null | string[])[];

export interface ProgrammeTables {
  programme: Row[];
  programme_phase: Row[];
  working_group: Row[];
  working_group_member: Row[];
  hazard: Row[];
  high_risk_group: Row[];
  high_risk_member: Row[];
  intervention_project: Row[];
  project_indicator: Row[];
  project_activity: Row[];
  emergency_plan: Row[];
  emergency_plan_version: Row[];
  drill: Row[];
  corrective_action: Row[];
  review: Row[];
}

export const COLUMNS: Record<keyof ProgrammeTables, string[]> = {
  programme: ['id', 'region_code', 'name', 'target_level', 'target_date', 'previous_level_on', 'accredited_on'],
  programme_phase: ['id', 'programme_id', 'phase', 'planned_start', 'planned_end', 'actual_start', 'actual_end', 'tasks'],
  working_group: ['id', 'programme_id', 'kind', 'name', 'duties', 'member_units'],
  working_group_member: ['id', 'group_id', 'name', 'title', 'role', 'person_id'],
  hazard: ['id', 'programme_id', 'region_code', 'location', 'category', 'description', 'likelihood', 'severity', 'risk_level', 'responsible_unit', 'deadline', 'status', 'identified_on', 'rectification_started_on', 'rectification_note', 'closed_on', 'verification_note', 'verified_by'],
  high_risk_group: ['id', 'programme_id', 'category', 'name', 'main_risks'],
  high_risk_member: ['id', 'group_id', 'person_id', 'household_id', 'region_code', 'reason', 'since', 'until'],
  intervention_project: ['id', 'programme_id', 'working_group_id', 'high_risk_group_id', 'name', 'target_group', 'objective', 'start_date', 'end_date', 'status'],
  project_indicator: ['id', 'project_id', 'name', 'unit', 'direction', 'baseline', 'target', 'actual', 'measured_on'],
  project_activity: ['id', 'project_id', 'kind', 'title', 'held_on', 'location', 'participants', 'note'],
  emergency_plan: ['id', 'programme_id', 'title', 'category', 'owner_unit'],
  emergency_plan_version: ['id', 'plan_id', 'version', 'issued_on', 'approved_on', 'approved_by', 'changes'],
  drill: ['id', 'plan_id', 'held_on', 'location', 'scenario', 'participants', 'rating', 'findings'],
  review: ['id', 'programme_id', 'kind', 'period_from', 'period_to', 'reviewed_on', 'reviewer', 'findings', 'conclusion'],
  corrective_action: ['id', 'programme_id', 'review_id', 'title', 'source', 'owner', 'due_date', 'status', 'completed_on', 'note'],
};

/** The seven project groups (7个安全推进项目工作组) with the project each runs. */
const PROJECTS = [
  { kind: 'TRAFFIC_SAFETY', project: '电动车和摩托车驾乘安全项目', target: '电动车、摩托车驾乘人员', risk: 'DRIVERS', cause: ['TRAFFIC'], places: null, ages: null, second: ['头盔佩戴率', '%', 35, 80] },
  { kind: 'FIRE_SAFETY', project: '家庭消防安全项目', target: '全体居民家庭', risk: null, cause: ['BURN'], places: null, ages: null, second: ['家庭灭火器配置率', '%', 20, 60] },
  { kind: 'HOME_SAFETY', project: '居家安全隐患排查改造项目', target: '有学龄前儿童和高龄老人的家庭', risk: 'CHILDREN', cause: null, places: ['HOME'], ages: null, second: ['家庭安全自查覆盖率', '%', 30, 85] },
  { kind: 'ELDERLY_SAFETY', project: '老年人防跌倒项目', target: '65岁以上老年人, 尤其是独居老人', risk: 'ELDERLY_LIVING_ALONE', cause: ['FALL'], places: null, ages: [65, 200], second: ['防跌倒知识知晓率', '%', 40, 85] },
  { kind: 'CHILD_SAFETY', project: '儿童防烧烫伤和防溺水项目', target: '14岁以下儿童及其看护人', risk: 'CHILDREN', cause: null, places: null, ages: [0, 13], second: ['看护人培训覆盖率', '%', 25, 75] },
  { kind: 'SCHOOL_SAFETY', project: '明德学校校园安全项目', target: '中小学生', risk: null, cause: null, places: ['SCHOOL_PUBLIC'], ages: [6, 18], second: ['应急疏散演练覆盖率', '%', 50, 100] },
  { kind: 'WORKPLACE_SAFETY', project: '企业和建筑工地安全生产项目', target: '企业职工和建筑工人', risk: null, cause: null, places: ['INDUSTRIAL_CONSTRUCTION'], ages: null, second: ['三级安全教育培训率', '%', 60, 95] },
] as const;

const HAZARDS: { category: string; location: string; description: string; unit: string }[] = [
  { category: 'ROAD_TRAFFIC', location: '村口省道交叉路口', description: '无减速带和警示标志, 车速快, 视线受遮挡', unit: '镇交管站' },
  { category: 'WATER', location: '村东河塘', description: '河塘边无护栏和警示牌, 夏季儿童常去戏水', unit: '村委会' },
  { category: 'FIRE', location: '老旧居民楼楼道', description: '楼道堆放杂物, 电动车楼道内充电', unit: '社区居委会' },
  { category: 'ELECTRICAL', location: '农贸市场', description: '临时线路私拉乱接, 线路老化', unit: '供电所' },
  { category: 'BUILDING', location: '村西老宅', description: '土坯房墙体开裂, 有倒塌危险', unit: '镇规建办' },
  { category: 'PUBLIC_FACILITY', location: '小区健身广场', description: '健身器材锈蚀松动', unit: '物业公司' },
  { category: 'GAS', location: '沿街餐饮店', description: '液化气钢瓶与灶具距离不足, 未装报警器', unit: '镇安办' },
  { category: 'PRODUCTION', location: '工业园区建筑工地', description: '高处作业防护缺失, 脚手架未验收', unit: '镇安监站' },
];

const SURNAME_NAMES = ['王建国', '李明', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '吴强', '孙敏', '周涛', '徐芳'];

function isoDay(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Builds every programme table for the demo population: one programme per town (subdistrict). */
export function generateProgrammes(population: DemoPopulation, injuries: DemoInjury[], random: Random): ProgrammeTables {
  const t: ProgrammeTables = {
    programme: [], programme_phase: [], working_group: [], working_group_member: [], hazard: [], high_risk_group: [], high_risk_member: [],
    intervention_project: [], project_indicator: [], project_activity: [], emergency_plan: [], emergency_plan_version: [], drill: [], corrective_action: [], review: [],
  };
  const today = population.today;
  const lastFullYear = Number(today.slice(0, 4)) - 1;
  const towns = population.regions.filter((r) => r.level === 'SUBDISTRICT');
  // Ages (shared with the other loaders) and towns once per person: the per-town loops below only read them.
  const { householdById: householdsById, ageToday } = lookup(population);
  const personsByTown = new Map<string, DemoPerson[]>();
  for (const person of population.persons) {
    const code = householdsById.get(person.householdId)!.regionCode.slice(0, 9);
    if (!personsByTown.has(code)) personsByTown.set(code, []);
    personsByTown.get(code)!.push(person);
  }
  const injuriesByTown = new Map<string, DemoInjury[]>();
  for (const injury of injuries) {
    const code = injury.regionCode.slice(0, 9);
    if (!injuriesByTown.has(code)) injuriesByTown.set(code, []);
    injuriesByTown.get(code)!.push(injury);
  }

  towns.forEach((town, index) => {
    // The first town follows the seed's dates; the others started later and aim at provincial status first.
    const shift = index === 0 ? 0 : index === 1 ? 8 : 10;
    const launch = addYears('2015-03-01', shift);
    const programmeId = random.uuid();
    const accreditation = addYears('2017-10-31', shift);
    t.programme.push([
      programmeId,
      town.code,
      `${town.name}${index === 0 ? '全国' : '省级'}安全社区建设`,
      index === 0 ? 'NATIONAL' : 'PROVINCIAL',
      accreditation,
      index === 0 ? '2014-10-31' : null,
      accreditation < today ? addYears('2017-12-28', shift) : null,
    ]);
    const phases = planPhases(launch, accreditation)!;
    for (const p of phases) {
      const started = p.plannedStart <= today;
      const ended = p.plannedEnd !== null && p.plannedEnd < today;
      t.programme_phase.push([random.uuid(), programmeId, p.phase, p.plannedStart, p.plannedEnd, started ? p.plannedStart : null, ended ? p.plannedEnd : null, [...PHASE_TASKS[p.phase]!]]);
    }
    const implementation = phases[2]!.plannedStart;

    const townPersons = personsByTown.get(town.code) ?? [];
    const townInjuries = injuriesByTown.get(town.code) ?? [];
    const adults = townPersons.filter((p) => ageToday.get(p.id)! >= 30 && ageToday.get(p.id)! < 60);
    const member = (groupId: string, role: string, title: string, name?: string): void => {
      const person = name ? null : adults.length > 0 ? random.pick(adults) : null;
      t.working_group_member.push([random.uuid(), groupId, name ?? person?.name ?? random.pick(SURNAME_NAMES), title, role, person?.id ?? null]);
    };
    const group = (kind: string, name: string, duties: string, units: string[] = []): string => {
      const id = random.uuid();
      t.working_group.push([id, programmeId, kind, name, duties, units]);
      return id;
    };
    const bodies = new Map<string, (typeof STANDARD_BODIES)[number]>(STANDARD_BODIES.map((b) => [b.kind, b]));
    const standard = (kind: string): string => {
      const body = bodies.get(kind)!;
      return group(kind, body.name, body.duties, [...body.memberUnits]);
    };
    const committee = standard('PROMOTION_COMMITTEE');
    member(committee, 'LEADER', '镇党委书记');
    member(committee, 'DEPUTY_LEADER', '镇长');
    member(committee, 'MEMBER', '镇安办主任');
    member(standard('COMMITTEE_OFFICE'), 'LEADER', '镇安办主任');
    for (const kind of ['PUBLICITY', 'SUPERVISION', 'INJURY_SURVEILLANCE']) {
      const id = standard(kind);
      if (kind === 'INJURY_SURVEILLANCE' && index === 0) member(id, 'LEADER', '副镇长、安办主任', '周敏');
      else member(id, 'LEADER', '副镇长');
      member(id, 'MEMBER', '镇安办工作人员');
    }
    for (const village of population.regions.filter((r) => r.parentCode === town.code)) {
      const id = group('VILLAGE_GROUP', `${village.name}安全社区建设工作小组`, '建立人口、社会单位和公共设施数据库, 收集事故伤害信息, 开展宣传教育');
      member(id, 'LEADER', village.rural ? '村党支部书记' : '社区党委书记');
    }

    // High-risk groups from the population as it is today.
    const riskGroups = new Map<string, string>();
    const riskGroup = (category: string, name: string, mainRisks: string): string => {
      const id = random.uuid();
      riskGroups.set(category, id);
      t.high_risk_group.push([id, programmeId, category, name, mainRisks]);
      return id;
    };
    const alone = riskGroup('ELDERLY_LIVING_ALONE', '独居老人', '跌倒、烧烫伤、突发疾病无人照看');
    const oldest = riskGroup('ELDERLY', '高龄老人', '跌倒, 交通伤害');
    const children = riskGroup('CHILDREN', '学龄前儿童家庭', '跌落、烧烫伤、溺水、动物咬伤');
    const drivers = riskGroup('DRIVERS', '电动车和摩托车驾驶人', '道路交通伤害');
    const enrolFrom = maxDate(implementation, launch);
    if (enrolFrom <= today) {
      for (const person of townPersons) {
        const household = householdsById.get(person.householdId)!;
        const age = ageToday.get(person.id)!;
        if (age >= 65 && household.memberIds.length === 1) {
          const since = maxDate(enrolFrom, addYears(person.birthDate, 65));
          if (since <= today) t.high_risk_member.push([random.uuid(), alone, person.id, null, household.regionCode, '65岁以上独居', since, null]);
        } else if (age >= 80) {
          const since = maxDate(enrolFrom, addYears(person.birthDate, 80));
          if (since <= today) t.high_risk_member.push([random.uuid(), oldest, person.id, null, household.regionCode, '80岁以上高龄', since, null]);
        }
      }
      const withToddlers = new Map<string, string>();
      for (const person of townPersons) {
        if (ageToday.get(person.id)! < 6) withToddlers.set(person.householdId, maxDate(enrolFrom, person.birthDate));
      }
      for (const [householdId, since] of withToddlers) {
        t.high_risk_member.push([random.uuid(), children, null, householdId, householdsById.get(householdId)!.regionCode, '家中有学龄前儿童', since, null]);
      }
      const drivers_ = new Map<string, DemoInjury>();
      for (const injury of townInjuries) {
        if (injury.cause === 'TRAFFIC' && injury.personId && injury.injuryDate >= enrolFrom && !drivers_.has(injury.personId)) drivers_.set(injury.personId, injury);
      }
      for (const [personId, injury] of drivers_) {
        t.high_risk_member.push([random.uuid(), drivers, personId, null, injury.regionCode, `${injury.injuryDate}发生交通伤害`, injury.injuryDate, null]);
      }
    }

    // Intervention projects: baseline from the launch year's injuries, actual from the last full year.
    const launchYear = Number(launch.slice(0, 4));
    const projectGroupIds: string[] = [];
    for (const p of PROJECTS) {
      const groupId = standard(p.kind);
      member(groupId, 'LEADER', '分管副镇长');
      member(groupId, 'MEMBER', '项目联络员');
      projectGroupIds.push(groupId);
      if (implementation > today) continue;
      const projectId = random.uuid();
      // Projects run on into continuous improvement; the school project was a three-year one.
      const endDate = p.kind === 'SCHOOL_SAFETY' ? addYears(implementation, 3) : null;
      t.intervention_project.push([
        projectId, programmeId, groupId, p.risk ? (riskGroups.get(p.risk) ?? null) : null, p.project, p.target, `降低${p.target}的伤害发生, 提高安全意识`,
        implementation, endDate, endDate && endDate < today ? 'COMPLETED' : 'ACTIVE',
      ]);
      const matches = (i: DemoInjury, year: number): boolean =>
        Number(i.injuryDate.slice(0, 4)) === year &&
        (!p.cause || (p.cause as readonly string[]).includes(i.cause)) &&
        (!p.places || (p.places as readonly string[]).includes(i.place)) &&
        (!p.ages || (i.age >= p.ages[0] && i.age <= p.ages[1]));
      const baseline = townInjuries.filter((i) => matches(i, launchYear)).length;
      const measured = lastFullYear > launchYear;
      const actual = measured ? townInjuries.filter((i) => matches(i, lastFullYear)).length : null;
      t.project_indicator.push([random.uuid(), projectId, `${p.target}伤害发生数`, '起', 'LOWER_IS_BETTER', Math.max(baseline, 1), Math.max(0, Math.floor(Math.max(baseline, 1) * 0.7)), actual, measured ? `${lastFullYear}-12-31` : null]);
      const [name, unit, from, to] = p.second;
      const reached = measured ? Math.min(100, from + Math.round((to - from) * (0.6 + random.next() * 0.6))) : null;
      t.project_indicator.push([random.uuid(), projectId, name, unit, 'HIGHER_IS_BETTER', from, to, reached, measured ? `${lastFullYear}-12-31` : null]);
      for (let year = Number(implementation.slice(0, 4)); year <= Number(today.slice(0, 4)); year += 1) {
        for (let n = random.int(2, 4); n > 0; n -= 1) {
          const last = minDate(today, endDate ?? today);
          const heldOn = random.dateBetween(maxDate(`${year}-01-01`, implementation), minDate(`${year}-12-31`, last));
          if (heldOn < implementation || heldOn > last) continue;
          const kind = random.weighted([['PUBLICITY', 4], ['TRAINING', 3], ['DRILL', 1], ['INSPECTION', 2], ['SERVICE', 1]] as const);
          const title = { PUBLICITY: '安全知识宣传进村入户', TRAINING: '安全技能培训', DRILL: '应急疏散演练', INSPECTION: '安全隐患专项检查', SERVICE: '上门安全服务' }[kind];
          t.project_activity.push([random.uuid(), projectId, kind, `${p.project}: ${title}`, heldOn, `${town.name}${random.pick(['文化广场', '明德学校', '镇卫生院', '村委会', '社区活动中心'])}`, random.int(20, 300), null]);
        }
      }
    }

    // Hazards in every community of the town, found from the launch on.
    const communities = population.regions.filter((r) => r.parentCode === town.code);
    if (launch <= today) {
      for (const community of communities) {
        for (let n = random.int(3, 6); n > 0; n -= 1) {
          const h = random.pick(HAZARDS);
          const identifiedOn = random.dateBetween(launch, today);
          const likelihood = random.weighted([[1, 1], [2, 3], [3, 4], [4, 2], [5, 1]] as const);
          const severity = random.weighted([[1, 1], [2, 3], [3, 4], [4, 2], [5, 1]] as const);
          const level = riskLevel(likelihood, severity);
          const deadline = isoDay(identifiedOn, level === 'MAJOR' ? 15 : level === 'SIGNIFICANT' ? 30 : 90);
          const age = Date.parse(today) - Date.parse(identifiedOn);
          // Old hazards are closed; recent ones are still open, a few past their deadline.
          const status = age > 200 * 86_400_000 ? 'CLOSED' : random.weighted([['IDENTIFIED', 3], ['RECTIFYING', 4], ['CLOSED', 3]] as const);
          const started = status === 'IDENTIFIED' ? null : minDate(today, isoDay(identifiedOn, random.int(1, 10)));
          const closed = status === 'CLOSED' ? minDate(today, isoDay(started!, random.int(5, 60))) : null;
          t.hazard.push([
            random.uuid(), programmeId, community.code, `${community.name}${h.location}`, h.category, h.description, likelihood, severity, level, h.unit, deadline, status, identifiedOn,
            started, started ? '制定整改方案, 落实责任人和资金' : null, closed, closed ? '经现场复查, 整改到位, 同意销号' : null, closed ? '镇安办' : null,
          ]);
        }
      }
    }

    // Emergency plans with versions and yearly drills.
    const plans = [
      ['火灾事故应急预案', 'FIRE', '镇安办'],
      ['防汛抗旱应急预案', 'FLOOD', '镇水利站'],
      ['道路交通事故应急预案', 'ROAD_TRAFFIC', '交警中队'],
      ['校园突发事件应急预案', 'SCHOOL', '明德学校'],
    ] as const;
    const drillActions: [string, string][] = [];
    if (implementation <= today) {
      for (const [title, category, owner] of plans) {
        const planId = random.uuid();
        t.emergency_plan.push([planId, programmeId, `${town.name}${title}`, category, owner]);
        let issued = implementation;
        for (let version = 1; issued <= today; version += 1) {
          const approved = isoDay(issued, random.int(7, 30));
          t.emergency_plan_version.push([random.uuid(), planId, version, issued, approved <= today ? approved : null, approved <= today ? '镇安全生产委员会' : null, version === 1 ? '首次编制' : '根据演练评估和机构调整修订']);
          issued = addYears(issued, 3);
        }
        const firstApproved = isoDay(implementation, 30);
        for (let year = Number(firstApproved.slice(0, 4)); year <= Number(today.slice(0, 4)); year += 1) {
          const heldOn = random.dateBetween(maxDate(`${year}-03-01`, firstApproved), `${year}-11-30`);
          if (heldOn > today || heldOn < firstApproved) continue;
          const rating = random.weighted([['EXCELLENT', 2], ['GOOD', 5], ['ADEQUATE', 2], ['POOR', 1]] as const);
          t.drill.push([random.uuid(), planId, heldOn, `${town.name}${random.pick(['明德学校', '农贸市场', '镇政府大院', '河堤'])}`, `${title.replace('应急预案', '')}模拟处置`, random.int(30, 400), rating,
            rating === 'POOR' || rating === 'ADEQUATE' ? '报警和疏散衔接不畅, 部分人员不熟悉职责' : '响应迅速, 分工明确']);
          if (rating === 'POOR') drillActions.push([heldOn, `针对${title.replace('应急预案', '')}演练暴露的问题组织复训`]);
        }
      }
    }

    // Annual reviews from the first full year of implementation; each raises corrective actions.
    for (let year = Number(implementation.slice(0, 4)); year < Number(today.slice(0, 4)); year += 1) {
      const reviewedOn = `${year + 1}-01-${String(random.int(10, 25)).padStart(2, '0')}`;
      if (reviewedOn > today) break;
      const reviewId = random.uuid();
      const accreditationYear = year === Number(accreditation.slice(0, 4));
      t.review.push([reviewId, programmeId, accreditationYear ? 'ACCREDITATION' : 'ANNUAL', `${year}-01-01`, `${year}-12-31`, reviewedOn, accreditationYear ? '省安全社区工作委员会' : '县安委会',
        '伤害监测网络运行正常; 老年人跌倒和电动车交通伤害仍居前列', '各项目按计划推进, 继续持续改进']);
      for (let n = random.int(1, 3); n > 0; n -= 1) {
        const due = isoDay(reviewedOn, random.int(60, 180));
        const status = due < today ? random.weighted([['DONE', 8], ['IN_PROGRESS', 1], ['CANCELLED', 1]] as const) : random.weighted([['OPEN', 1], ['IN_PROGRESS', 2], ['DONE', 1]] as const);
        const completed = status === 'DONE' ? minDate(today, isoDay(reviewedOn, random.int(20, 150))) : null;
        t.corrective_action.push([random.uuid(), programmeId, reviewId, random.pick(['增设道路减速带和警示标志', '为独居老人家庭加装扶手和夜灯', '补充伤害监测点报告卡培训', '河塘加装护栏和警示牌', '更新应急物资储备']),
          'REVIEW', random.pick(['镇交管站', '镇民政办', '镇卫生院', '镇安办', '各村委会']), due, status, completed, null]);
      }
    }
    for (const [heldOn, title] of drillActions) {
      const due = isoDay(heldOn, 60);
      const status = due < today ? 'DONE' : 'OPEN';
      t.corrective_action.push([random.uuid(), programmeId, null, title, 'DRILL', '镇安办', due, status, status === 'DONE' ? minDate(today, isoDay(heldOn, 45)) : null, null]);
    }
  });
  return t;
}
