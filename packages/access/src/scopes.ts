/** Scopes, demo roles and the verified caller every check works on. */
import { regionSubtreePrefix } from './jurisdiction';

/** The subgraphs whose data is scoped per department; `<subgraph>:read` / `<subgraph>:write`. */
export const SCOPED_SUBGRAPHS = ['community', 'civil-affairs', 'employment', 'safety'] as const;
export type ScopedSubgraph = (typeof SCOPED_SUBGRAPHS)[number];

/** Scopes by sensitivity, beyond the per-subgraph read/write ones. */
export const SENSITIVE_SCOPES = {
  /** Unmasked ID numbers and phones (未脱敏的身份证号, 手机号). */
  pii: 'pii:read',
  /** Files of released persons under supervision (刑释解教人员帮教档案). */
  supervision: 'supervision:read',
  /** Declared incomes and assets (申报收入, 家庭财产). */
  income: 'income:read',
  /** Aggregate statistics only (统计看板, 仅汇总数据). */
  dashboard: 'dashboard:read',
  /** The audit trail (审计日志). */
  audit: 'audit:read',
} as const;

export const readScope = (subgraph: string): string => `${subgraph}:read`;
export const writeScope = (subgraph: string): string => `${subgraph}:write`;

export const ALL_SCOPES: readonly string[] = [
  ...SCOPED_SUBGRAPHS.flatMap((name) => [readScope(name), writeScope(name)]),
  ...Object.values(SENSITIVE_SCOPES),
];

/** The caller a request acts for, as verified from its token (or anonymous). */
export interface Caller {
  /** Token subject (用户标识); null for an anonymous caller. */
  subject: string | null;
  /** Department the caller works for (所属部门), e.g. civil-affairs. */
  department: string | null;
  scopes: ReadonlySet<string>;
  /** Region codes the caller may see, each the root of a subtree (管辖区划). Empty: nothing regional. */
  jurisdiction: readonly string[];
  /** Why the data is read, from the X-Purpose header (查询事由); required for audited reads. */
  purpose: string | null;
  /** Correlates the gateway's and the subgraphs' logs and the audit rows. */
  requestId: string;
  /**
   * In a subgraph: the gateway execution (one incoming request) this fetch belongs to, from the gateway token; absent
   * elsewhere. Unlike requestId (which a client may choose), it is random and signed.
   */
  executionId?: string;
}

export const ANONYMOUS_SUBJECT = null;

export function anonymousCaller(requestId: string, purpose: string | null = null): Caller {
  return { subject: null, department: null, scopes: new Set(), jurisdiction: [], purpose, requestId };
}

export function isAuthenticated(caller: Caller): boolean {
  return caller.subject !== null;
}

export function hasScope(caller: Caller, scope: string): boolean {
  return caller.scopes.has(scope);
}

/** `anyOf` is a disjunction of conjunctions: [["a", "b"], ["c"]] means (a AND b) OR c. */
export function satisfiesAnyOf(caller: Caller, anyOf: readonly (readonly string[])[]): boolean {
  return anyOf.some((all) => all.every((scope) => caller.scopes.has(scope)));
}

/** A demo role: whom it stands for and what it may do (演示角色). */
export interface RoleDefinition {
  description: string;
  department: string;
  scopes: readonly string[];
  /** Region level the role is normally scoped to. */
  level: 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY';
  /** A region of the demo population the role is minted for when none is given. */
  defaultRegion: string;
}

const { pii, supervision, income, dashboard, audit } = SENSITIVE_SCOPES;

/**
 * The demo roles of the README. Least privilege: only the civil-affairs and employment officers see
 * unmasked ID numbers (they certify eligibility), only civil-affairs sees incomes, only the safety
 * officer (平安建设) sees supervision files; the dashboard viewer sees aggregates only.
 */
export const ROLES = {
  'grid-worker': {
    description: 'Grid worker of a community (社区网格员)',
    department: 'community',
    scopes: ['community:read', 'community:write', 'civil-affairs:read', 'employment:read', 'safety:read'],
    level: 'COMMUNITY',
    defaultRegion: '370703001001',
  },
  'civil-affairs-officer': {
    description: 'Civil-affairs officer of a district (区民政局工作人员)',
    department: 'civil-affairs',
    scopes: ['civil-affairs:read', 'civil-affairs:write', 'community:read', 'employment:read', pii, income],
    level: 'DISTRICT',
    defaultRegion: '370703',
  },
  'employment-officer': {
    description: 'Employment officer of a district (区人社局工作人员)',
    department: 'employment',
    scopes: ['employment:read', 'employment:write', 'community:read', 'civil-affairs:read', pii],
    level: 'DISTRICT',
    defaultRegion: '370703',
  },
  'safety-officer': {
    description: 'Safe-community officer of a district (区安全社区/平安建设工作人员)',
    department: 'safety',
    scopes: ['safety:read', 'safety:write', 'community:read', supervision],
    level: 'DISTRICT',
    defaultRegion: '370703',
  },
  'dashboard-viewer': {
    description: 'Cross-department dashboard viewer (跨部门统计看板查看人员)',
    department: 'government-office',
    scopes: [dashboard],
    level: 'DISTRICT',
    defaultRegion: '370703',
  },
  auditor: {
    description: 'Auditor of personal-data access (个人信息访问审计员)',
    department: 'audit',
    scopes: [audit],
    level: 'DISTRICT',
    defaultRegion: '370703',
  },
} as const satisfies Record<string, RoleDefinition>;

export type RoleName = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

export function isRoleName(name: string): name is RoleName {
  return Object.prototype.hasOwnProperty.call(ROLES, name);
}

/** The caller a demo role's token stands for: for subgraph tests and resolver unit tests. */
export function callerForRole(role: RoleName, region?: string, purpose: string | null = null, requestId = 'test-request'): Caller {
  const definition = ROLES[role];
  return {
    subject: `demo-${role}-${region ?? definition.defaultRegion}`,
    department: definition.department,
    scopes: new Set(definition.scopes),
    jurisdiction: [regionSubtreePrefix(region ?? definition.defaultRegion) ?? region ?? definition.defaultRegion],
    purpose,
    requestId,
  };
}

/** Markdown table role × scope, for the main README. */
export function roleScopeTable(): string {
  const header = `| role | ${ALL_SCOPES.map((s) => `\`${s}\``).join(' | ')} |`;
  const rule = `| --- | ${ALL_SCOPES.map(() => ':-:').join(' | ')} |`;
  const rows = ROLE_NAMES.map((name) => {
    const scopes = new Set<string>(ROLES[name].scopes);
    return `| \`${name}\` ${ROLES[name].description} | ${ALL_SCOPES.map((s) => (scopes.has(s) ? '✓' : '')).join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
