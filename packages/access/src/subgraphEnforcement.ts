/**
 * Enforcement inside a subgraph, from its own SDL's directives: every field resolver and every
 * `__resolveReference` is wrapped, so `_entities` cannot bypass what the gateway enforces.
 */
import { defaultFieldResolver, getNamedType, GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { maskIdNumber, maskPhone } from '@hub/identifiers';
import type { AuditCollector } from './audit';
import { AccessRules, type Decision, type MaskKind } from './directives';
import { anonymousCaller, type Caller } from './scopes';

export function maskValue(kind: MaskKind, value: string): string {
  return kind === 'ID_NUMBER' ? maskIdNumber(value) : maskPhone(value);
}

export function forbidden(message: string, code: 'FORBIDDEN' | 'UNAUTHENTICATED' = 'FORBIDDEN'): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export interface SubgraphAccessOptions<TContext> {
  /** This subgraph's name: the default scope of its fields is `<name>:read`. */
  subgraph: string;
  /** The caller of the request (from the gateway token); undefined is treated as anonymous. */
  callerOf: (context: TContext) => Caller | undefined;
  /** Where audited reads are noted, one collector per request (see auditPlugin). */
  auditOf?: (context: TContext) => AuditCollector | undefined;
}

type Reference = Record<string, unknown>;
type ResolveReference = (reference: Reference, context: unknown, info: unknown) => unknown;
interface SubgraphExtensions {
  apollo?: { subgraph?: { resolveReference?: ResolveReference } };
}

const FEDERATION_FIELDS = new Set(['Query._entities', 'Query._service']);

function then<T, R>(value: T | Promise<T>, map: (value: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(map) : map(value);
}

function personIdOf(parent: unknown, field: string): string | null {
  const value = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : null;
}

/**
 * Wraps the resolvers of a schema built with buildSubgraphSchema (in place) and returns it. `typeDefs`
 * is the same SDL the schema was built from. Fields without a resolver get the default one, wrapped.
 */
export function applySubgraphAccessControl<TContext>(schema: GraphQLSchema, typeDefs: Parameters<typeof AccessRules.fromSubgraph>[0], options: SubgraphAccessOptions<TContext>): GraphQLSchema {
  const rules = AccessRules.fromSubgraph(typeDefs, options.subgraph);
  const callerOf = (context: unknown): Caller => options.callerOf(context as TContext) ?? anonymousCaller('unknown');

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === '_Service') continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (FEDERATION_FIELDS.has(coordinate)) continue;
      const rule = rules.field(type.name, field.name);
      const returnType = getNamedType(field.type).name;
      const original: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context, info) => {
        const caller = callerOf(context);
        const decision: Decision = rules.decide(caller, type.name, field.name, returnType);
        if (!decision.allowed) throw forbidden(`Not authorised to read ${coordinate}: ${decision.reason}`, decision.code);
        const value = original(parent, args, context, info) as unknown;
        if (decision.audit) {
          const personIdFrom = rule?.masked?.personIdFrom ?? rule?.audited?.personIdFrom ?? 'id';
          options.auditOf?.(context as TContext)?.note(decision.audit, coordinate, personIdOf(parent, personIdFrom));
        }
        if (rule?.masked && !decision.unmasked) {
          const kind = rule.masked.as;
          return then(value, (v) => (typeof v === 'string' ? maskValue(kind, v) : v));
        }
        return value;
      };
    }
    // A type-level rule also guards entity resolution through `_entities`.
    const extensions = type.extensions as SubgraphExtensions;
    const typeRule = rules.type(type.name);
    const resolveReference = extensions.apollo?.subgraph?.resolveReference;
    const guarded: ResolveReference = (reference, context, info) => {
      const caller = callerOf(context);
      if (caller.subject === null) throw forbidden(`Not signed in to resolve ${type.name}`, 'UNAUTHENTICATED');
      if (typeRule?.anyOf && !typeRule.anyOf.some((all) => all.every((s) => caller.scopes.has(s)))) {
        throw forbidden(`Not authorised to resolve ${type.name}: requires scopes ${typeRule.anyOf.map((all) => all.join(' and ')).join(' or ')}`);
      }
      return resolveReference ? resolveReference(reference, context, info) : reference;
    };
    if (resolveReference || typeRule) {
      (type as { extensions: unknown }).extensions = {
        ...type.extensions,
        apollo: { ...extensions.apollo, subgraph: { ...extensions.apollo?.subgraph, resolveReference: guarded } },
      };
    }
  }
  return schema;
}
