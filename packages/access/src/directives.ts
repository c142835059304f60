/**
 * The hub's access directives: their SDL (pasted by every subgraph), and the rules read back from a
 * subgraph SDL or from the composed supergraph, with the decision for one caller and one field.
 */
import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';
import { hasScope, isAuthenticated, readScope, SENSITIVE_SCOPES, writeScope, type Caller } from './scopes';

export const ACCESS_LINK_URL = 'https://household-hub.example/access/v1.0';
export const ACCESS_DIRECTIVES = ['@hubScopes', '@hubAuthenticated', '@hubMasked', '@hubAudited'] as const;

export const MASK_KINDS = ['ID_NUMBER', 'PHONE'] as const;
export type MaskKind = (typeof MASK_KINDS)[number];
export const AUDIT_CATEGORIES = ['PII', 'SUPERVISION', 'INCOME', 'DISABILITY'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** The directive definitions every subgraph pastes verbatim (after its `extend schema` block). */
export const ACCESS_DIRECTIVES_SDL = `"""
Scopes the caller must hold (所需权限范围): any one inner list, with all of its scopes, e.g. [["civil-affairs:read", "income:read"]]. On a field it replaces the default "<subgraph>:read"; on a type it applies to every field returning that type.
"""
directive @hubScopes(
  "Alternatives, each a list of scopes that are all required (任选一组, 组内权限须全部具备)."
  anyOf: [[String!]!]!
) on FIELD_DEFINITION | OBJECT | INTERFACE

"""
Any signed-in caller may read it (已登录即可读取), instead of the default "<subgraph>:read"; on a type it applies to every field returning that type.
"""
directive @hubAuthenticated on FIELD_DEFINITION | OBJECT | INTERFACE

"""
Personal data masked unless the caller holds pii:read and states an X-Purpose (个人信息默认脱敏); unmasked reads are audited.
"""
directive @hubMasked(
  "How the value is masked: ID_NUMBER or PHONE (脱敏方式)."
  as: String!
  "Field of the parent record that holds the person id, for the audit (审计用人员 ID 字段)."
  personIdFrom: String = "id"
) on FIELD_DEFINITION

"""
A sensitive category (敏感信息类别): each read needs an X-Purpose header and is audited.
"""
directive @hubAudited(
  "SUPERVISION, INCOME or DISABILITY (敏感类别)."
  category: String!
  "Field of the parent record that holds the person id, for the audit (审计用人员 ID 字段)."
  personIdFrom: String = "id"
) on FIELD_DEFINITION
`;

/** The `@link` and `@composeDirective` lines to add to a subgraph's `extend schema` (after its federation @link). */
export const ACCESS_SCHEMA_EXTENSION_SDL = `  @link(url: "${ACCESS_LINK_URL}", import: [${ACCESS_DIRECTIVES.map((d) => `"${d}"`).join(', ')}])
${ACCESS_DIRECTIVES.map((d) => `  @composeDirective(name: "${d}")`).join('\n')}`;

/** A complete header for a subgraph SDL: federation link (with @composeDirective), access link, directives. */
export function accessSubgraphHeader(federationImports: readonly string[] = ['@key', '@shareable']): string {
  const imports = [...new Set([...federationImports, '@composeDirective'])].map((d) => `"${d}"`).join(', ');
  return `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports}])
${ACCESS_SCHEMA_EXTENSION_SDL}

${ACCESS_DIRECTIVES_SDL}`;
}

/** The access directives as a document, e.g. for tests or schema tooling. */
export const accessDirectivesDocument = (): DocumentNode => parse(ACCESS_DIRECTIVES_SDL);

export interface ScopeRule {
  authenticated: boolean;
  /** Disjunction of conjunctions; null when no @hubScopes. */
  anyOf: string[][] | null;
}

export interface FieldRule extends ScopeRule {
  masked: { as: MaskKind; personIdFrom: string } | null;
  audited: { category: AuditCategory; personIdFrom: string } | null;
}

export type Decision =
  | { allowed: true; unmasked: boolean; audit: AuditCategory | null }
  | { allowed: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; reason: string };

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg && arg.value.kind === Kind.STRING ? arg.value.value : undefined;
}

function listOfLists(value: ConstValueNode | undefined): string[][] {
  const list = (v: ConstValueNode): ConstValueNode[] => (v.kind === Kind.LIST ? [...v.values] : [v]);
  if (!value) throw new Error('@hubScopes needs anyOf');
  return list(value).map((inner) =>
    list(inner).map((s) => {
      if (s.kind !== Kind.STRING) throw new Error('@hubScopes(anyOf:) takes strings');
      return s.value;
    }),
  );
}

function scopeRuleOf(directives: readonly ConstDirectiveNode[]): ScopeRule {
  let anyOf: string[][] | null = null;
  let authenticated = false;
  for (const d of directives) {
    if (d.name.value === 'hubScopes') {
      const parsed = listOfLists(d.arguments?.find((a) => a.name.value === 'anyOf')?.value);
      anyOf = anyOf ? anyOf.flatMap((a) => parsed.map((b) => [...a, ...b])) : parsed;
    }
    if (d.name.value === 'hubAuthenticated') authenticated = true;
  }
  return { authenticated, anyOf };
}

function fieldRuleOf(coordinate: string, directives: readonly ConstDirectiveNode[]): FieldRule {
  const rule: FieldRule = { ...scopeRuleOf(directives), masked: null, audited: null };
  for (const d of directives) {
    if (d.name.value === 'hubMasked') {
      const as = stringArg(d, 'as');
      if (!MASK_KINDS.includes(as as MaskKind)) throw new Error(`${coordinate}: @hubMasked(as:) must be one of ${MASK_KINDS.join(', ')}`);
      rule.masked = { as: as as MaskKind, personIdFrom: stringArg(d, 'personIdFrom') ?? 'id' };
    }
    if (d.name.value === 'hubAudited') {
      const category = stringArg(d, 'category');
      if (!AUDIT_CATEGORIES.includes(category as AuditCategory) || category === 'PII') {
        throw new Error(`${coordinate}: @hubAudited(category:) must be SUPERVISION, INCOME or DISABILITY`);
      }
      rule.audited = { category: category as AuditCategory, personIdFrom: stringArg(d, 'personIdFrom') ?? 'id' };
    }
  }
  return rule;
}

const ROOT_MUTATION = 'Mutation';

/** Top-level field names of a key field set: "id", "code region { code }" → id, code, region. */
function topLevelFields(fieldSet: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const token of fieldSet.match(/[_A-Za-z][_0-9A-Za-z]*|[{}]/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Access rules of one schema. Default rule of a field with neither @hubScopes nor @hubAuthenticated:
 * on root and entity types, "<owning subgraph>:read" (":write" for mutations); on key fields and on
 * other types (values reached only through an already checked field: connections, page info, ...)
 * a signed-in caller.
 */
export class AccessRules {
  private readonly fields = new Map<string, FieldRule>();
  private readonly types = new Map<string, ScopeRule>();
  private readonly entityTypes = new Set<string>();
  /** Type.field coordinates of top-level key fields: they reveal no more than the reference itself. */
  private readonly keyFields = new Set<string>();
  /** Subgraphs that can resolve each field (supergraph) or the one subgraph (subgraph SDL). */
  private readonly owners = new Map<string, string[]>();

  private constructor() {}

  /** Rules of a composed supergraph, with owners from its @join__type / @join__field. */
  static fromSupergraph(sdl: string | DocumentNode): AccessRules {
    const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
    const rules = new AccessRules();
    const graphNames = new Map<string, string>();
    for (const def of doc.definitions) {
      if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph') {
        for (const value of def.values ?? []) {
          const joinGraph = value.directives?.find((d) => d.name.value === 'join__graph');
          graphNames.set(value.name.value, (joinGraph && stringArg(joinGraph, 'name')) ?? value.name.value.toLowerCase());
        }
      }
    }
    const graphOf = (d: ConstDirectiveNode): string | undefined => {
      const arg = d.arguments?.find((a) => a.name.value === 'graph');
      return arg && arg.value.kind === Kind.ENUM ? graphNames.get(arg.value.value) : undefined;
    };
    rules.read(doc, (typeDirectives, fieldDirectives) => {
      const joinFields = fieldDirectives.filter((d) => d.name.value === 'join__field');
      // An @external copy or a field overridden away (@override) is not resolved by that subgraph.
      const flag = (d: ConstDirectiveNode, name: string) => d.arguments?.some((a) => a.name.value === name && a.value.kind === Kind.BOOLEAN && a.value.value);
      const resolving = joinFields.filter((d) => !flag(d, 'external') && !flag(d, 'usedOverridden'));
      const source = joinFields.length > 0 ? resolving : typeDirectives.filter((d) => d.name.value === 'join__type');
      return source.map(graphOf).filter((g): g is string => g !== undefined);
    }, (typeDirectives) => typeDirectives.filter((d) => d.name.value === 'join__type').map((d) => stringArg(d, 'key')).filter((k): k is string => k !== undefined));
    return rules;
  }

  /** Rules of one subgraph's SDL: every field it defines is owned by that subgraph. */
  static fromSubgraph(sdl: string | DocumentNode, subgraph: string): AccessRules {
    const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
    const rules = new AccessRules();
    rules.read(doc, () => [subgraph], (typeDirectives) => typeDirectives.filter((d) => d.name.value === 'key').map((d) => stringArg(d, 'fields')).filter((k): k is string => k !== undefined));
    return rules;
  }

  private read(
    doc: DocumentNode,
    ownersOf: (typeDirectives: readonly ConstDirectiveNode[], fieldDirectives: readonly ConstDirectiveNode[]) => string[],
    keysOf: (typeDirectives: readonly ConstDirectiveNode[]) => string[],
  ): void {
    for (const def of doc.definitions) {
      if (
        def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        def.kind !== Kind.INTERFACE_TYPE_EXTENSION
      ) {
        continue;
      }
      const typeName = def.name.value;
      const typeDirectives = def.directives ?? [];
      const typeRule = scopeRuleOf(typeDirectives);
      if (typeRule.authenticated || typeRule.anyOf) this.types.set(typeName, typeRule);
      const keys = keysOf(typeDirectives);
      if (keys.length > 0) this.entityTypes.add(typeName);
      for (const key of keys) for (const field of topLevelFields(key)) this.keyFields.add(`${typeName}.${field}`);
      for (const field of def.fields ?? []) {
        const coordinate = `${typeName}.${field.name.value}`;
        const directives = field.directives ?? [];
        this.fields.set(coordinate, fieldRuleOf(coordinate, directives));
        this.owners.set(coordinate, [...new Set([...(this.owners.get(coordinate) ?? []), ...ownersOf(typeDirectives, directives)])]);
      }
    }
  }

  field(typeName: string, fieldName: string): FieldRule | undefined {
    return this.fields.get(`${typeName}.${fieldName}`);
  }

  type(typeName: string): ScopeRule | undefined {
    return this.types.get(typeName);
  }

  /** The scopes a field needs by default (no @hubScopes / @hubAuthenticated): null = a signed-in caller. */
  defaultScopes(typeName: string, fieldName: string): string[][] | null {
    if (!ROOT_TYPES.has(typeName) && !this.entityTypes.has(typeName)) return null;
    if (this.keyFields.has(`${typeName}.${fieldName}`)) return null;
    const owners = this.owners.get(`${typeName}.${fieldName}`) ?? [];
    if (owners.length === 0) return null;
    const scope = typeName === ROOT_MUTATION ? writeScope : readScope;
    return owners.map((owner) => [scope(owner)]);
  }

  /**
   * May this caller read `typeName.fieldName` (returning `returnTypeName`)? Unmasked personal data
   * needs pii:read and a purpose (without a purpose the value is masked, not refused); an audited
   * category needs a purpose.
   */
  decide(caller: Caller, typeName: string, fieldName: string, returnTypeName: string): Decision {
    if (fieldName.startsWith('__')) return { allowed: true, unmasked: false, audit: null };
    const rule = this.field(typeName, fieldName);
    const needs: ScopeRule[] = [];
    if (rule && (rule.anyOf || rule.authenticated)) needs.push(rule);
    else needs.push({ authenticated: true, anyOf: this.defaultScopes(typeName, fieldName) });
    const returnRule = this.type(returnTypeName);
    if (returnRule) needs.push(returnRule);
    for (const need of needs) {
      if (!isAuthenticated(caller)) return { allowed: false, code: 'UNAUTHENTICATED', reason: 'a signed-in caller is required' };
      if (need.anyOf && !need.anyOf.some((all) => all.every((s) => hasScope(caller, s)))) {
        return { allowed: false, code: 'FORBIDDEN', reason: `requires scopes ${need.anyOf.map((all) => all.join(' and ')).join(' or ')}` };
      }
    }
    if (rule?.audited) {
      if (!caller.purpose) return { allowed: false, code: 'FORBIDDEN', reason: `reading ${rule.audited.category} data requires an X-Purpose header` };
      return { allowed: true, unmasked: false, audit: rule.audited.category };
    }
    if (rule?.masked) {
      const unmasked = hasScope(caller, SENSITIVE_SCOPES.pii) && caller.purpose !== null;
      return { allowed: true, unmasked, audit: unmasked ? 'PII' : null };
    }
    return { allowed: true, unmasked: false, audit: null };
  }
}
