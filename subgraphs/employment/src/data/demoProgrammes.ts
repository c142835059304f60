// Demo records of the labour programmes, shaped by the fifth seed report (社会事务 half-year report): its figures are
// one subdistrict's half-year, so each subdistrict gets them scaled by its share of ~40,000 residents.
import type { CopyPipeline, CopyValue } from '@hub/database';
import { creditCodeCheckCharacter } from '@hub/identifiers';
import { addDays, lookup, type DemoPerson, type DemoPopulation, type Random } from '@hub/demo-population';
import { isOfWorkingAge, type StatusPeriod } from '../domain/labourForce';
import { certificateNumber } from '../domain/rules';
import type { TargetIndicator } from '../domain/targets';

export interface PersonPlan {
  person: DemoPerson;
  regionCode: string;
  periods: StatusPeriod[];
}

/** Residents of the subdistrict the seed report describes (its 14,380 medical-insurance target covers about a third). */
const SEED_SUBDISTRICT_RESIDENTS = 40_000;

/** The seed's yearly targets (任务数), money in fen. */
export const SEED_TARGETS: Record<TargetIndicator, number> = {
  NEW_URBAN_EMPLOYMENT: 4770,
  REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED: 1400,
  DIFFICULT_PERSONS_PLACED: 520,
  REAL_NAME_REGISTRATION: 4770,
  SKILLS_TRAINING: 240,
  ENTERPRISE_SKILL_UPGRADE_TRAINING: 120,
  RESIDENT_PENSION_ENROLMENT: 1264,
  RESIDENT_MEDICAL_ENROLMENT: 14380,
  PUBLICITY_ARTICLES: 100,
  SYB_TRAINING: 30,
  MICRO_LOAN_AMOUNT: 2_600_000_00,
  ENTREPRENEURSHIP_TRAINING_BASES: 1,
  PRACTICAL_TRAINEES: 30,
  INFORMAL_ORGANISATIONS: 25,
  INFORMAL_EMPLOYMENT_ABSORBED: 210,
  INCUBATED_ENTERPRISES: 18,
  INCUBATED_ENTERPRISE_JOBS: 275,
  INCUBATED_ENTERPRISE_TAX: 1_700_000_00,
  DEMONSTRATION_SITES: 1,
  ENTREPRENEURSHIP_BASE_AREA: 260,
  DEMONSTRATION_SITE_JOBS: 70,
};

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const EMPLOYER_STEMS = ['红宝石', '大庆', '百盛', '永辉', '淮河', '义仓', '红旗', '四牌楼', '明教', '九狮桥', '金鼎', '华夏', '恒信', '瑞丰', '安康', '新天地'];
const INDUSTRIES = ['宾馆', '商贸', '物业管理', '家政服务', '餐饮', '建筑工程', '机械制造', '电子科技', '物流', '超市', '保安服务', '食品'];
const ACTIVITIES = ['家政服务', '保洁', '社区便民维修', '养老护理', '绿化养护', '快递收发', '缝纫加工', '早餐供应'];
const COURSES: Record<'SKILLS' | 'ENTERPRISE_SKILL_UPGRADE' | 'SYB' | 'ENTREPRENEURSHIP_PRACTICE', string[]> = {
  SKILLS: ['家政服务员培训班', '育婴员培训班', '中式烹调师培训班', '电工培训班', '养老护理员培训班', '计算机操作员培训班'],
  ENTERPRISE_SKILL_UPGRADE: ['企业职工技能提升班', '安全生产技能提升班'],
  SYB: ['SYB创业培训班'],
  ENTREPRENEURSHIP_PRACTICE: ['创业实训班'],
};

/** The programme tables' columns, in the order their rows are sent. */
const COLUMNS: Record<string, string[]> = {
  employment_registration: ['id', 'certificate_number', 'person_id', 'household_id', 'region_code', 'kind', 'status', 'start_date', 'end_date', 'employer_name', 'employer_credit_code', 'flexible', 'reemployment'],
  difficulty_certification: ['id', 'person_id', 'household_id', 'region_code', 'certified_on', 'ended_on', 'end_reason', 'stated_categories', 'note'],
  placement: ['id', 'person_id', 'household_id', 'region_code', 'kind', 'employer_name', 'employer_credit_code', 'position', 'placed_on', 'ended_on', 'difficult_person'],
  flexible_employment_subsidy: ['id', 'person_id', 'household_id', 'region_code', 'period', 'months', 'amount_fen', 'status', 'applied_on', 'decided_on', 'paid_on', 'reject_reason', 'version'],
  assistance_visit: ['id', 'household_id', 'person_id', 'region_code', 'campaign', 'visited_on', 'visitor', 'outcome', 'note'],
  training_course: ['id', 'region_code', 'kind', 'name', 'provider', 'starts_on', 'ends_on', 'capacity'],
  training_enrolment: ['id', 'course_id', 'person_id', 'household_id', 'region_code', 'enrolled_on', 'status', 'completed_on', 'certificate_number'],
  job_fair: ['id', 'region_code', 'name', 'held_on', 'venue', 'seekers_attending', 'intents_reached'],
  job_fair_employer: ['id', 'job_fair_id', 'employer_name', 'employer_credit_code', 'positions_offered'],
  micro_loan: ['id', 'person_id', 'household_id', 'region_code', 'borrower_kind', 'business_name', 'business_credit_code', 'amount_fen', 'status', 'applied_on', 'approved_on', 'disbursed_on', 'closed_on', 'reject_reason', 'version'],
  informal_organisation: ['id', 'region_code', 'name', 'credit_code', 'activity', 'registered_on'],
  informal_organisation_member: ['id', 'organisation_id', 'person_id', 'region_code', 'joined_on', 'left_on'],
  entrepreneurship_base: ['id', 'region_code', 'kind', 'name', 'area_sqm', 'established_on', 'jobs_driven'],
  incubated_enterprise: ['id', 'region_code', 'name', 'credit_code', 'founder_person_id', 'base_id', 'incubated_on', 'jobs_created', 'annual_tax_fen'],
  publicity_article: ['id', 'region_code', 'title', 'outlet', 'level', 'published_on'],
  insurance_enrolment: ['id', 'person_id', 'household_id', 'region_code', 'scheme', 'year', 'enrolled_on', 'contribution_fen'],
  self_management_group: ['id', 'region_code', 'name', 'leader_name'],
  retiree: ['person_id', 'household_id', 'region_code', 'retired_on', 'former_employer_name', 'former_employer_credit_code', 'group_id', 'monthly_pension_fen'],
  pension_certification: ['id', 'person_id', 'region_code', 'year', 'certified_on', 'method'],
  labour_inspection: ['id', 'region_code', 'employer_name', 'employer_credit_code', 'kind', 'inspected_on', 'inspector', 'findings', 'violation_found', 'resolved_on'],
  labour_dispute: ['id', 'region_code', 'applicant_person_id', 'employer_name', 'employer_credit_code', 'category', 'claim_fen', 'received_on', 'status', 'closed_on', 'outcome', 'version'],
  employment_target: ['id', 'region_code', 'year', 'indicator', 'target'],
};

function creditCode(random: Random, regionCode: string): string {
  let body = `91${regionCode.slice(0, 6)}`;
  while (body.length < 17) body += CODE_ALPHABET[random.int(0, CODE_ALPHABET.length - 1)];
  return body + creditCodeCheckCharacter(body);
}

interface Employer {
  name: string;
  code: string;
}

/** Loads the programme tables; returns row counts. */
export async function loadProgrammes(copies: CopyPipeline, population: DemoPopulation, plans: PersonPlan[], random: Random, nextId: () => string): Promise<Record<string, number>> {
  const today = population.today;
  const { ageToday } = lookup(population);
  const year = Number(today.slice(0, 4));
  const y = (monthDay: string): string => earlier(`${year}-${monthDay}`, today);
  const rows: Record<string, CopyValue[][]> = {};
  const push = (table: string, row: CopyValue[]): void => {
    (rows[table] ??= []).push(row);
  };
  const employers: Employer[] = Array.from({ length: 300 }, (_, i) => ({
    name: `${EMPLOYER_STEMS[i % EMPLOYER_STEMS.length]}${INDUSTRIES[Math.floor(i / EMPLOYER_STEMS.length) % INDUSTRIES.length]}有限公司${i >= 192 ? `(${i})` : ''}`,
    code: creditCode(random, population.regions[0]!.code),
  }));
  const employer = (): Employer => random.pick(employers);

  // Registrations from the status histories since 2018 (就业失业登记证).
  for (const plan of plans) {
    const id = plan.person.id;
    plan.periods.forEach((p, i) => {
      if (p.since < '2018-01-01') return;
      const kind = p.status === 'REGISTERED_UNEMPLOYED' ? 'UNEMPLOYMENT' : p.status === 'EMPLOYED' || p.status === 'FLEXIBLY_EMPLOYED' ? 'EMPLOYMENT' : null;
      if (!kind) return;
      const flexible = p.status === 'FLEXIBLY_EMPLOYED';
      const e = kind === 'EMPLOYMENT' && !flexible ? employer() : null;
      const reemployment = kind === 'EMPLOYMENT' && plan.periods[i - 1]?.status === 'REGISTERED_UNEMPLOYED';
      push('employment_registration', [nextId(), certificateNumber(plan.regionCode, p.since, id), id, plan.person.householdId, plan.regionCode, kind, p.until ? 'ENDED' : 'ACTIVE', p.since, p.until, e?.name ?? null, e?.code ?? null, flexible, reemployment]);
    });
  }

  // Sent now: PostgreSQL files them (and runs the statistics triggers on them) while the programmes are built.
  await copies.send('employment.employment_registration', COLUMNS.employment_registration!, rows.employment_registration ?? []);

  const bySubdistrict = new Map<string, PersonPlan[]>();
  for (const plan of plans) {
    const key = plan.regionCode.slice(0, 9);
    const list = bySubdistrict.get(key);
    if (list) list.push(plan);
    else bySubdistrict.set(key, [plan]);
  }
  const current = (plan: PersonPlan): StatusPeriod => plan.periods.at(-1)!;
  const birth = (plan: PersonPlan): string => plan.person.birthDate;

  for (const [subdistrict, members] of bySubdistrict) {
    const f = members.length / SEED_SUBDISTRICT_RESIDENTS;
    // Stochastic rounding keeps the seed's proportions in expectation even for a tiny demo population.
    const scaled = (n: number): number => {
      const exact = n * f;
      return Math.floor(exact) + (random.chance(exact - Math.floor(exact)) ? 1 : 0);
    };
    const communities = [...new Set(members.map((m) => m.regionCode))];
    const community = (): string => random.pick(communities);
    // Partial Fisher–Yates: n distinct picks in O(list + n).
    const sample = (list: PersonPlan[], n: number): PersonPlan[] => {
      const copy = [...list];
      const k = Math.min(n, copy.length);
      for (let i = 0; i < k; i += 1) {
        const j = random.int(i, copy.length - 1);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, k);
    };

    // Difficulty certification and placement: of the re-employed this half-year, about 37 % were certified difficult
    // persons placed into work (335 of 905); a third of the still registered unemployed hold a certification.
    const certified = new Set<string>();
    for (const plan of members) {
      const now = current(plan);
      const before = plan.periods.at(-2);
      const reemployedThisYear = before?.status === 'REGISTERED_UNEMPLOYED' && now.since >= `${year}-01-01`;
      if (reemployedThisYear && random.chance(0.37)) {
        const certifiedOn = random.dateBetween(before!.since, addDays(now.since, -1));
        const categories = random.chance(0.1) ? '{LAND_LOST_FARMER}' : '{}';
        push('difficulty_certification', [nextId(), plan.person.id, plan.person.householdId, plan.regionCode, certifiedOn, null, null, categories, null]);
        certified.add(plan.person.id);
        const flexible = now.status === 'FLEXIBLY_EMPLOYED';
        const kind = flexible ? random.pick(['FLEXIBLE', 'SELF_EMPLOYMENT']) : random.chance(0.35) ? 'PUBLIC_WELFARE_POST' : 'ENTERPRISE';
        const e = flexible ? null : kind === 'PUBLIC_WELFARE_POST' ? { name: `${subdistrict}街道公益性岗位开发中心`, code: creditCode(random, plan.regionCode) } : employer();
        const position = kind === 'PUBLIC_WELFARE_POST' ? random.pick(['社区保洁员', '治安巡逻员', '公共设施维护员', '社区协管员']) : flexible ? random.pick(['个体经营', '钟点工', '网约配送']) : random.pick(['营业员', '服务员', '操作工', '保安员', '仓管员']);
        push('placement', [nextId(), plan.person.id, plan.person.householdId, plan.regionCode, kind, e?.name ?? null, e?.code ?? null, position, now.since, null, true]);
        // 168 of the 179 placed took the flexible-employment subsidy: the flexibly employed among them do here.
        if (flexible) {
          const status = random.weighted([['PAID', 60], ['APPROVED', 25], ['APPLIED', 15]] as const);
          const appliedOn = earlier(addDays(now.since, random.int(5, 30)), today);
          const period = appliedOn.slice(0, 7);
          const decided = status === 'APPLIED' ? null : earlier(addDays(appliedOn, random.int(5, 20)), today);
          const paid = status === 'PAID' ? earlier(addDays(decided!, random.int(5, 20)), today) : null;
          push('flexible_employment_subsidy', [nextId(), plan.person.id, plan.person.householdId, plan.regionCode, period, 6, 6 * random.int(300, 600) * 100, status, appliedOn, decided, paid, null, 0]);
        }
      } else if (now.status === 'REGISTERED_UNEMPLOYED' && random.chance(0.33)) {
        const certifiedOn = earlier(addDays(now.since, random.int(10, 120)), today);
        push('difficulty_certification', [nextId(), plan.person.id, plan.person.householdId, plan.regionCode, certifiedOn, null, null, random.chance(0.05) ? '{OTHER}' : '{}', null]);
        certified.add(plan.person.id);
      }
    }

    // 就业援助月: 191 households visited (difficult persons, disabled, zero-employment families).
    const visitedMember = new Map<string, PersonPlan>();
    for (const m of members) {
      if ((certified.has(m.person.id) || ['REGISTERED_UNEMPLOYED', 'UNEMPLOYED', 'UNABLE_TO_WORK'].includes(current(m).status)) && !visitedMember.has(m.person.householdId)) visitedMember.set(m.person.householdId, m);
    }
    for (const [householdId, member] of [...visitedMember].slice(0, scaled(191))) {
      const outcome = random.weighted([['NEEDS_RECORDED', 40], ['JOB_REFERRED', 30], ['PLACED', 25], ['DECLINED', 5]] as const);
      push('assistance_visit', [nextId(), householdId, member.person.id, member.regionCode, `${year}年就业援助月`, y(`01-${String(random.int(5, 31)).padStart(2, '0')}`), random.faker.person.lastName() + random.faker.person.firstName(), outcome, null]);
    }

    // Training: 240 skills, 120 enterprise upgrade, 30 SYB trainees, then 30 practical trainees from the SYB graduates.
    const working = members.filter((m) => isOfWorkingAge(birth(m), m.person.gender, today));
    const sybGraduates: PersonPlan[] = [];
    for (const [kind, trainees, pool] of [
      ['SKILLS', scaled(240), working.filter((m) => ['REGISTERED_UNEMPLOYED', 'UNEMPLOYED', 'FLEXIBLY_EMPLOYED'].includes(current(m).status))],
      ['ENTERPRISE_SKILL_UPGRADE', scaled(120), working.filter((m) => current(m).status === 'EMPLOYED')],
      ['SYB', scaled(30), working.filter((m) => current(m).status !== 'STUDENT')],
      ['ENTREPRENEURSHIP_PRACTICE', 0, []],
    ] as const) {
      const people = kind === 'ENTREPRENEURSHIP_PRACTICE' ? [...sybGraduates] : sample([...pool], trainees);
      for (let start = 0; start < people.length; start += 30) {
        const startsOn = y(`0${random.int(3, 5)}-${String(random.int(1, 20)).padStart(2, '0')}`);
        const endsOn = addDays(startsOn, kind === 'SYB' ? 10 : 20);
        const courseId = nextId();
        const code = community();
        const group = people.slice(start, start + 30);
        push('training_course', [courseId, code, kind, random.pick(COURSES[kind]), random.pick(['区职业技能培训中心', '市就业训练中心', '区创业指导中心']), startsOn, endsOn, Math.max(30, group.length)]);
        group.forEach((plan, i) => {
          const completed = endsOn <= today;
          push('training_enrolment', [nextId(), courseId, plan.person.id, plan.person.householdId, plan.regionCode, addDays(startsOn, -random.int(3, 20)), completed ? 'COMPLETED' : 'ENROLLED', completed ? endsOn : null, completed ? `${kind.slice(0, 3)}${year}${String(start + i + 1).padStart(5, '0')}` : null]);
          if (kind === 'SYB' && completed) sybGraduates.push(plan);
        });
      }
    }

    // Two spring job fairs (春风行动): 1,000 positions, 700 seekers, 412 intents over both.
    for (const [name, monthDay, venue] of [[`${year}春风行动专场招聘会`, '03-07', '市劳动局就业介绍中心'], [`迎“三八”妇女专场招聘会`, '03-08', '淮河路步行街百盛广场']] as const) {
      const fairId = nextId();
      const seekers = Math.max(1, scaled(350));
      push('job_fair', [fairId, subdistrict, name, y(monthDay), venue, seekers, Math.min(seekers, scaled(206))]);
      const chosen = new Set<Employer>();
      const count = Math.max(1, Math.min(40, scaled(25) + 1));
      while (chosen.size < count) chosen.add(employer());
      const positions = Math.max(count, scaled(500));
      [...chosen].forEach((e, i) => push('job_fair_employer', [nextId(), fairId, e.name, e.code, Math.max(1, Math.floor(positions / count) + (i < positions % count ? 1 : 0))]));
    }

    // Micro-loans: 60,000 yuan disbursed this year, 3 large 500,000 loans approved, 8 applications pending; older ones repaid or defaulted.
    const borrowers = sample(working.filter((m) => current(m).status !== 'STUDENT'), scaled(1) + scaled(3) + scaled(8) + scaled(20));
    borrowers.forEach((plan, i) => {
      const n1 = 1;
      const large = i >= n1 && i < n1 + 3 && f > 0.5;
      const state = i === 0 ? 'DISBURSED' : i < 4 ? 'APPROVED' : i < 12 ? 'APPLIED' : random.chance(0.9) ? 'REPAID' : 'DEFAULTED';
      const old = state === 'REPAID' || state === 'DEFAULTED';
      const appliedOn = old ? random.dateBetween(`${year - 4}-01-01`, `${year - 2}-12-31`) : y(`0${random.int(1, 5)}-${String(random.int(1, 28)).padStart(2, '0')}`);
      const approvedOn = state === 'APPLIED' ? null : earlier(addDays(appliedOn, random.int(10, 30)), today);
      const disbursedOn = state === 'DISBURSED' || old ? earlier(addDays(approvedOn!, random.int(5, 15)), today) : null;
      const closedOn = old ? earlier(addDays(disbursedOn!, random.int(600, 760)), today) : null;
      const business = large ? { kind: 'SMALL_BUSINESS', name: `${random.pick(EMPLOYER_STEMS)}${random.pick(ACTIVITIES)}有限公司`, code: creditCode(random, plan.regionCode), amount: 50_000_000 } : { kind: 'INDIVIDUAL', name: `${random.pick(ACTIVITIES)}个体经营`, code: null, amount: i === 0 ? 6_000_000 : random.int(2, 10) * 1_000_000 };
      push('micro_loan', [nextId(), plan.person.id, plan.person.householdId, plan.regionCode, business.kind, business.name, business.code, business.amount, state, appliedOn, approvedOn, disbursedOn, closedOn, null, 0]);
    });

    // Informal organisations: 15 new this year absorbing 142 persons; older ones with their members.
    const absorbedThisYear = scaled(142);
    const absorbed = sample(working.filter((m) => ['FLEXIBLY_EMPLOYED', 'EMPLOYED'].includes(current(m).status)), absorbedThisYear + scaled(100));
    const newOrgs = Math.max(absorbed.length > 0 ? 1 : 0, scaled(15));
    const oldOrgs = scaled(20);
    const orgs: { id: string; registeredOn: string; regionCode: string }[] = [];
    for (let i = 0; i < newOrgs + oldOrgs; i += 1) {
      const registeredOn = i < newOrgs ? y(`0${random.int(1, 6)}-${String(random.int(1, 28)).padStart(2, '0')}`) : random.dateBetween(`${year - 5}-01-01`, `${year - 1}-12-31`);
      const org = { id: nextId(), registeredOn, regionCode: community() };
      orgs.push(org);
      push('informal_organisation', [org.id, org.regionCode, `${random.pick(EMPLOYER_STEMS)}${random.pick(ACTIVITIES)}服务社(${subdistrict.slice(-3)}-${i + 1})`, creditCode(random, org.regionCode), random.pick(ACTIVITIES), registeredOn]);
    }
    absorbed.forEach((plan, i) => {
      // This year's absorption goes to this year's organisations; the rest joined older ones in earlier years.
      const org = (i < absorbedThisYear || oldOrgs === 0) && newOrgs > 0 ? orgs[i % newOrgs]! : orgs[newOrgs + random.int(0, oldOrgs - 1)];
      if (!org) return;
      const joinedOn = org.registeredOn >= `${year}-01-01` ? earlier(addDays(org.registeredOn, random.int(0, 60)), today) : random.dateBetween(org.registeredOn, addDays(`${year}-01-01`, -1));
      push('informal_organisation_member', [nextId(), org.id, plan.person.id, plan.regionCode, joinedOn, null]);
    });

    // Bases: this year one practical training base; earlier an incubation base and a demonstration site.
    const baseIds: string[] = [];
    for (const [kind, name, area, established, jobs] of [
      ['TRAINING_BASE', '创业实训基地', 300, y('04-15'), 0],
      ['INCUBATION_BASE', '创业孵化基地', 1200, `${year - 3}-09-01`, 60],
      ['DEMONSTRATION_SITE', '创业示范点', 200, `${year - 2}-05-01`, 40],
    ] as const) {
      const id = nextId();
      baseIds.push(id);
      push('entrepreneurship_base', [id, subdistrict, kind, `${subdistrict.slice(-3)}街道${name}`, area, established, jobs]);
    }
    // Incubated enterprises: none yet this year (the seed's two are still being filed); earlier ones with jobs and tax.
    const incubated = scaled(12);
    for (let i = 0; i < incubated; i += 1) {
      const code = community();
      push('incubated_enterprise', [nextId(), code, `${random.pick(EMPLOYER_STEMS)}${random.pick(INDUSTRIES)}有限公司(孵${subdistrict.slice(-3)}-${i + 1})`, creditCode(random, code), null, baseIds[1], random.dateBetween(`${year - 3}-10-01`, `${year - 1}-12-31`), random.int(5, 25), random.int(3, 15) * 1_000_000]);
    }
    // Publicity: 50 articles, 6 national and 13 provincial.
    const [articles, national, provincial] = [scaled(50), scaled(6), scaled(13)];
    for (let i = 0; i < articles; i += 1) {
      const level = i < national ? 'NATIONAL' : i < national + provincial ? 'PROVINCIAL' : random.chance(0.5) ? 'MUNICIPAL' : 'DISTRICT';
      push('publicity_article', [nextId(), subdistrict, `就业帮扶真情相助(${i + 1})`, random.pick(['中国劳动保障报', '省日报', '市晚报', '区电视台', '人社局网站']), level, y(`0${random.int(1, 6)}-${String(random.int(1, 28)).padStart(2, '0')}`)]);
    }

    // Resident insurance: 1,273 pension enrolments (residents 16+ without a job), 3,010 medical enrolments so far.
    const pensionPool = members.filter((m) => ageToday.get(m.person.id)! >= 16 && ['FLEXIBLY_EMPLOYED', 'UNEMPLOYED', 'REGISTERED_UNEMPLOYED', 'NOT_IN_LABOUR_FORCE', 'UNABLE_TO_WORK'].includes(current(m).status));
    for (const plan of sample(pensionPool, scaled(1273))) push('insurance_enrolment', [nextId(), plan.person.id, plan.person.householdId, plan.regionCode, 'RESIDENT_PENSION', year, y(`0${random.int(1, 6)}-${String(random.int(1, 28)).padStart(2, '0')}`), random.pick([100, 200, 300, 500, 1000]) * 100]);
    const medicalPool = members.filter((m) => current(m).status !== 'EMPLOYED');
    for (const plan of sample(medicalPool, scaled(3010))) push('insurance_enrolment', [nextId(), plan.person.id, plan.person.householdId, plan.regionCode, 'RESIDENT_MEDICAL', year, y(`0${random.int(7, 9)}-${String(random.int(1, 28)).padStart(2, '0')}`), 380 * 100]);

    // Retirees (退管): every retired resident, in self-management groups of about 50 (175 groups for 8,890 retirees);
    // this year's certification round: most certified by 31 July, a few overdue.
    const retired = members.filter((m) => current(m).status === 'RETIRED');
    const groups = new Map<string, string[]>();
    const retiredPer = new Map<string, number>();
    for (const m of retired) retiredPer.set(m.regionCode, (retiredPer.get(m.regionCode) ?? 0) + 1);
    for (const code of communities) {
      const here = retiredPer.get(code) ?? 0;
      const ids: string[] = [];
      for (let g = 0; g < Math.ceil(here / 50); g += 1) {
        const id = nextId();
        ids.push(id);
        push('self_management_group', [id, code, `退休人员自管第${g + 1}小组`, random.faker.person.lastName() + random.faker.person.firstName()]);
      }
      groups.set(code, ids);
    }
    retired.forEach((plan, i) => {
      const e = employer();
      const ids = groups.get(plan.regionCode)!;
      push('retiree', [plan.person.id, plan.person.householdId, plan.regionCode, current(plan).since, e.name, e.code, ids[Math.floor(i / 50) % ids.length] ?? null, random.int(1800, 4800) * 100]);
      if (`${year}-03-01` <= today && random.chance(0.96)) {
        push('pension_certification', [nextId(), plan.person.id, plan.regionCode, year, y(`0${random.int(3, 7)}-${String(random.int(1, 28)).padStart(2, '0')}`), random.weighted([['PAPER', 35], ['ONLINE', 55], ['HOME_VISIT', 10]] as const)]);
      }
    });

    // Labour rights: two cases handled with the inspection brigade, routine patrols, disputes in mediation.
    for (let i = 0; i < Math.max(1, scaled(24)); i += 1) {
      const e = employer();
      const complaint = i < 2;
      const violation = complaint || random.chance(0.1);
      const inspectedOn = y(`0${random.int(1, 6)}-${String(random.int(1, 28)).padStart(2, '0')}`);
      push('labour_inspection', [nextId(), community(), e.name, e.code, complaint ? 'COMPLAINT' : 'ROUTINE', inspectedOn, random.faker.person.lastName() + random.faker.person.firstName(), violation ? '未按时足额支付劳动报酬, 已责令整改' : '劳动合同签订、工资支付台账齐全', violation, violation ? earlier(addDays(inspectedOn, random.int(7, 30)), today) : null]);
    }
    for (let i = 0; i < Math.max(1, scaled(8)); i += 1) {
      const e = employer();
      const applicant = random.pick(working);
      const status = random.weighted([['SETTLED', 55], ['MEDIATING', 15], ['RECEIVED', 10], ['REFERRED_TO_ARBITRATION', 15], ['WITHDRAWN', 5]] as const);
      const receivedOn = y(`0${random.int(1, 6)}-${String(random.int(1, 28)).padStart(2, '0')}`);
      const closed = ['SETTLED', 'REFERRED_TO_ARBITRATION', 'WITHDRAWN'].includes(status);
      push('labour_dispute', [nextId(), applicant.regionCode, applicant.person.id, e.name, e.code, random.weighted([['WAGES', 45], ['LABOUR_CONTRACT', 20], ['SOCIAL_INSURANCE', 15], ['WORK_INJURY', 10], ['DISMISSAL', 10]] as const), random.int(20, 400) * 10_000, receivedOn, status, closed ? earlier(addDays(receivedOn, random.int(5, 40)), today) : null, status === 'SETTLED' ? '双方达成调解协议, 用人单位分期支付' : closed ? '申请人另行处理' : null, 0]);
    }

    // The subdistrict's yearly targets: the seed's, scaled (at least one of each).
    for (const [indicator, target] of Object.entries(SEED_TARGETS)) {
      push('employment_target', [nextId(), subdistrict, year, indicator, Math.max(indicator === 'MICRO_LOAN_AMOUNT' || indicator === 'INCUBATED_ENTERPRISE_TAX' ? 100_00 : 1, Math.round(target * f))]);
    }
  }

  const counts: Record<string, number> = {};
  for (const [table, cols] of Object.entries(COLUMNS)) {
    counts[table] = rows[table]?.length ?? 0;
    if (table !== 'employment_registration') await copies.send(`employment.${table}`, cols, rows[table] ?? []);
  }
  return counts;
}

function earlier(a: string, b: string): string {
  return a < b ? a : b;
}
