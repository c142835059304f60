/**
 * Enforcement inside a subgraph, from its own SDL's directives: every field resolver and every
 * `__resolveReference` is wrapped, so `_entities` cannot bypass what the gateway enforces.
 */
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
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

/** One field an operation selects, with what it selects in turn (fragments resolved to their types). */
interface SelectedField {
  typeName: string;
  fieldName: string;
  returnTypeName: string;
  children: SelectedField[];
}

function selectedFields(schema: GraphQLSchema, document: DocumentNode): SelectedField[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, seen: Set<string>): SelectedField[] => {
    const found: SelectedField[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        if (!parent || !field) continue;
        const returned = getNamedType(field.type);
        found.push({
          typeName: parent.name,
          fieldName: field.name,
          returnTypeName: returned.name,
          children: selection.selectionSet ? walk(selection.selectionSet, returned, seen) : [],
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        found.push(...walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        found.push(...walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), new Set([...seen, fragment.name.value])));
      }
    }
    return found;
  };
  const roots: SelectedField[] = [];
  // Queries only: a mutation's payload is the record it wrote, audited by its resolvers when there is one, and a
  // refused mutation wrote and revealed nothing, so it must leave no trace either.
  const root = schema.getQueryType();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'query' && root) roots.push(...walk(definition.selectionSet, root, new Set()));
  }
  return roots;
}

/**
 * For the audit plugin (auditPlugin's `noteRequested`): notes, before a query runs, every audited field it
 * selects that the caller may read along the whole path to it (the same decisions the resolvers and
 * `__resolveReference` make), without persons. A request that asked for sensitive data is then on the trail even
 * when the records it reached held none to read — whether a person has a disability record or an income on file is
 * itself what the field tells — and the persons actually read are added by the resolvers as before. Fields refused,
 * or below a refused field, are not noted (their resolvers answer FORBIDDEN).
 */
export function requestedAuditNotes<TContext>(
  schema: GraphQLSchema,
  typeDefs: Parameters<typeof AccessRules.fromSubgraph>[0],
  options: SubgraphAccessOptions<TContext>,
): (document: DocumentNode, context: TContext) => void {
  const rules = AccessRules.fromSubgraph(typeDefs, options.subgraph);
  // Operations repeat (the gateway sends the same few shapes), and Apollo Server caches their parsed documents.
  const selections = new WeakMap<DocumentNode, SelectedField[]>();
  const note = (fields: SelectedField[], caller: Caller, collector: AuditCollector): void => {
    for (const selected of fields) {
      const coordinate = `${selected.typeName}.${selected.fieldName}`;
      if (selected.fieldName.startsWith('__')) continue;
      if (!FEDERATION_FIELDS.has(coordinate)) {
        // An entity's type rule is checked by its guarded __resolveReference, a nested object's by the field returning it.
        const typeRule = rules.type(selected.typeName);
        if (typeRule?.anyOf && !typeRule.anyOf.some((all) => all.every((s) => caller.scopes.has(s)))) continue;
        const decision = rules.decide(caller, selected.typeName, selected.fieldName, selected.returnTypeName);
        if (!decision.allowed) continue;
        if (decision.audit) collector.note(decision.audit, coordinate, null);
      }
      note(selected.children, caller, collector);
    }
  };
  return (document, context) => {
    const collector = options.auditOf?.(context);
    if (!collector) return;
    let fields = selections.get(document);
    if (!fields) {
      fields = selectedFields(schema, document);
      selections.set(document, fields);
    }
    note(fields, options.callerOf(context) ?? anonymousCaller('unknown'), collector);
  };
}
