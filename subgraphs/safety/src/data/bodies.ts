/**
 * The bodies every programme sets up, after the seventh seed report: the promotion committee, its office,
 * three non-specialist groups and the seven project groups (7个安全推进项目工作组).
 */
import type { WorkingGroupKind } from '../generated/prisma/enums';

export const STANDARD_BODIES: readonly { kind: WorkingGroupKind; name: string; duties: string; memberUnits: readonly string[] }[] = [
  { kind: 'PROMOTION_COMMITTEE', name: '安全社区建设工作促进委员会', duties: '负责建设中重大问题的决策, 制定目标、计划和规章制度, 协调、指导、督查各工作小组', memberUnits: [] },
  { kind: 'COMMITTEE_OFFICE', name: '促进委员会办公室', duties: '在促进委员会领导下做好日常事务和建设指导, 组织召开工作会议, 收集归档资料', memberUnits: [] },
  { kind: 'PUBLICITY', name: '宣传报道组', duties: '利用墙报、专栏、电子显示屏等开展安全社区宣传, 报道建设进展', memberUnits: [] },
  { kind: 'SUPERVISION', name: '效能督查组', duties: '督查各工作组和各村落实建设任务, 通报进度', memberUnits: [] },
  {
    kind: 'INJURY_SURVEILLANCE',
    name: '伤害统计与监测组',
    duties: '对各类记录尤其是伤害记录进行统计, 按年龄、性别、职业、伤害类别和原因分析, 进行不同年度比较和绩效评估',
    memberUnits: ['交警中队', '派出所', '民政办', '卫生院', '明德学校', '各村'],
  },
  { kind: 'TRAFFIC_SAFETY', name: '交通安全项目组', duties: '负责道路交通安全促进项目的计划、实施和评估', memberUnits: [] },
  { kind: 'FIRE_SAFETY', name: '消防安全项目组', duties: '负责消防安全促进项目的计划、实施和评估', memberUnits: [] },
  { kind: 'HOME_SAFETY', name: '居家安全项目组', duties: '负责居家安全促进项目的计划、实施和评估', memberUnits: [] },
  { kind: 'ELDERLY_SAFETY', name: '老年人安全项目组', duties: '负责老年人安全促进项目的计划、实施和评估', memberUnits: [] },
  { kind: 'CHILD_SAFETY', name: '儿童安全项目组', duties: '负责儿童安全促进项目的计划、实施和评估', memberUnits: [] },
  { kind: 'SCHOOL_SAFETY', name: '学校安全项目组', duties: '负责学校安全促进项目的计划、实施和评估', memberUnits: [] },
  { kind: 'WORKPLACE_SAFETY', name: '工作场所安全项目组', duties: '负责工作场所安全促进项目的计划、实施和评估', memberUnits: [] },
];

/** Tasks of each phase, from the seed's plan (促进计划和主题活动). */
export const PHASE_TASKS: Record<string, readonly string[]> = {
  LAUNCH: [
    '在社区内广泛征求意见, 制定建设安全社区工作规划',
    '组织考察、学习和培训, 借鉴安全社区建设的成功经验',
    '成立促进委员会和办公室, 召开动员大会, 成立各项目工作组和村工作小组',
    '举行建设全国安全社区启动仪式',
    '开展安全现状调查, 摸排伤害监测点, 建立伤害监测网络',
  ],
  MOBILISATION: ['开展形式多样的宣传活动, 推广安全社区理念和建设标准', '组织培训, 倡导健康生活方式, 提高应对紧急情况的能力'],
  IMPLEMENTATION: [
    '开展干预项目调查、伤害数据收集、危险源辨识, 形成统计评价机制',
    '确定重点安全促进项目, 制订目标、实施方案和计划, 分阶段推进',
    '持续整改薄弱环节, 降低伤害',
    '定期召开委员会成员及工作组会议',
    '对推进项目分析评估, 建立基础资料',
  ],
  ACCREDITATION: ['总结两年来安全社区建设成果', '评估近两年的干预项目', '收集整理材料, 撰写汇报书, 提出申请并接受检查验收'],
  CONTINUOUS_IMPROVEMENT: ['把伤害监测与评审贯穿始终, 完善伤害监测体系', '组织运行、实施、检查和纠正, 持续改进', '推进所有项目分析评估总结'],
};
