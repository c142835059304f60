/**
 * Enforcement at the gateway, from the composed supergraph's directives, before query planning.
 *
 * The operation is rewritten per caller: each field the caller may not read is replaced by a marker
 * (`<alias>: __typename`, carrying the field's @skip/@include) so that the field is never planned or
 * fetched, while the marker shows in the answer exactly where the field would have appeared. After
 * execution each marker becomes `null` (propagated like a resolver error when the field is non-null)
 * with a FORBIDDEN (or UNAUTHENTICATED) error at the field's path; the rest of the answer stays.
 * Wrapping the gateway's executor (rather than mutating Apollo Server's request context) keeps the
 * query-plan cache sound: the rewritten document gets its own hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isInterfaceType,
  isListType,
  isNonNullType,
  Kind,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { AccessRules, type Decision } from './directives';
import { anonymousCaller, type Caller } from './scopes';

interface Step {
  key: string;
  type: GraphQLOutputType;
}

interface Removal {
  /** Path of response keys from the root to the removed field, with each field's type. */
  steps: Step[];
  marker: string;
  coordinate: string;
  decision: Extract<Decision, { allowed: false }>;
}

export interface RewrittenOperation {
  document: DocumentNode;
  removals: Removal[];
}

function decideOnType(rules: AccessRules, schema: GraphQLSchema, caller: Caller, parent: GraphQLCompositeType, field: string, returnType: string): Decision {
  const first = rules.decide(caller, parent.name, field, returnType);
  if (!first.allowed || !isAbstractType(parent)) return first;
  // An interface field is read from whichever object is behind it: the strictest implementation wins.
  for (const possible of schema.getPossibleTypes(parent)) {
    const decision = rules.decide(caller, possible.name, field, returnType);
    if (!decision.allowed) return decision;
  }
  return first;
}

/** Removes from one operation every field the caller may not read (see the module comment). */
export function rewriteOperation(
  schema: GraphQLSchema,
  rules: AccessRules,
  caller: Caller,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  nonce: string = randomBytes(4).toString('hex'),
): RewrittenOperation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const removals: Removal[] = [];

  const rewrite = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, path: Step[]): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || isAbstractType(parent) && !isInterfaceType(parent)) {
          selections.push(selection);
          continue;
        }
        const fieldDef = (parent as Exclude<GraphQLCompositeType, { getTypes: unknown }>).getFields()[name];
        if (!fieldDef) throw new Error(`unknown field ${parent.name}.${name} in a validated operation`);
        const key = selection.alias?.value ?? name;
        const step = { key, type: fieldDef.type };
        const decision = decideOnType(rules, schema, caller, parent, name, getNamedType(fieldDef.type).name);
        if (!decision.allowed) {
          const marker = `_hub_${nonce}_${removals.length}`;
          removals.push({ steps: [...path, step], marker, coordinate: `${parent.name}.${name}`, decision });
          const markerNode: FieldNode = {
            kind: Kind.FIELD,
            alias: { kind: Kind.NAME, value: marker },
            name: { kind: Kind.NAME, value: '__typename' },
            directives: selection.directives?.filter((d) => d.name.value === 'skip' || d.name.value === 'include'),
          };
          selections.push(markerNode);
          continue;
        }
        selections.push(
          selection.selectionSet
            ? { ...selection, selectionSet: rewrite(selection.selectionSet, getNamedType(fieldDef.type) as GraphQLCompositeType, [...path, step]) }
            : selection,
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : parent;
        selections.push({ ...selection, selectionSet: rewrite(selection.selectionSet, type, path) });
      } else {
        // Fragments are inlined: one fragment may be spread under different paths.
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new Error(`unknown fragment ${selection.name.value} in a validated operation`);
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
        selections.push({
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives,
          selectionSet: rewrite(fragment.selectionSet, type, path),
        });
      }
    }
    return { ...selectionSet, selections };
  };

  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  const rewritten: OperationDefinitionNode = { ...operation, selectionSet: rewrite(operation.selectionSet, root, []) };
  return { document: { kind: Kind.DOCUMENT, definitions: [rewritten] }, removals };
}

type Json = Record<string, unknown>;

/**
 * Turns each removal's markers into nulls and errors. Returns the new data (null when a non-null
 * root field was removed) and the errors, one per place the field would have appeared.
 */
export function applyRemovals(data: Json | null | undefined, removals: Removal[]): { data: Json | null | undefined; errors: GraphQLError[] } {
  const errors: GraphQLError[] = [];
  const seen = new Set<string>();
  if (!data) return { data, errors };

  const visitValue = (value: unknown, type: GraphQLOutputType, removal: Removal, index: number, path: (string | number)[]): boolean => {
    if (value === null || value === undefined) return false;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (visitValue(items[i], inner.ofType, removal, index, [...path, i])) {
          if (isNonNullType(inner.ofType)) return true;
          items[i] = null;
        }
      }
      return false;
    }
    return visitObject(value as Json, removal, index, path);
  };

  // True when the object must become null (a non-null field in it was removed).
  const visitObject = (object: Json, removal: Removal, index: number, path: (string | number)[]): boolean => {
    const step = removal.steps[index]!;
    if (index === removal.steps.length - 1) {
      if (!(removal.marker in object)) return false;
      delete object[removal.marker];
      const at = [...path, step.key];
      const id = at.join('\u0000');
      if (!seen.has(id)) {
        seen.add(id);
        const { code, reason } = removal.decision;
        const verb = code === 'UNAUTHENTICATED' ? 'Not signed in' : 'Not authorised';
        errors.push(new GraphQLError(`${verb} to read ${removal.coordinate}: ${reason}`, { path: at, extensions: { code, field: removal.coordinate } }));
      }
      if (step.key in object) return false;
      if (isNonNullType(step.type)) return true;
      object[step.key] = null;
      return false;
    }
    if (visitValue(object[step.key], step.type, removal, index + 1, [...path, step.key])) {
      if (isNonNullType(step.type)) return true;
      object[step.key] = null;
    }
    return false;
  };

  let result: Json | null = data;
  for (const removal of removals) {
    if (result && visitObject(result, removal, 0, [])) result = null;
  }
  return { data: result, errors };
}

/**
 * Marker names derived from the query, so that the same query rewritten for the same kind of caller
 * is the same document and reuses its cached query plan; re-derived if the query itself contains one.
 */
export function markerNonce(queryHash: string, source: string): string {
  let nonce = createHash('sha256').update(queryHash).digest('hex').slice(0, 8);
  while (source.includes(`_hub_${nonce}`)) nonce = createHash('sha256').update(nonce).digest('hex').slice(0, 8);
  return nonce;
}

export interface AccessControlOptions<TContext> {
  /** The verified caller of a request, from the Apollo context; undefined means anonymous. */
  callerOf: (context: TContext) => Caller | undefined;
}

/**
 * Wraps an ApolloGateway so that every operation is checked against the supergraph's access
 * directives before it is planned: `new ApolloServer({ gateway: withAccessControl(gateway, ...) })`.
 */
export function withAccessControl<TContext>(gateway: GatewayInterface, options: AccessControlOptions<TContext>): GatewayInterface {
  let rules: AccessRules | undefined;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    rules = AccessRules.fromSupergraph(coreSupergraphSdl);
  });
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(loadOptions) {
      const loaded = await gateway.load(loadOptions);
      const inner = loaded.executor;
      if (!inner) return loaded;
      return {
        executor: async (requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> => {
          if (!rules) throw new Error('the supergraph was not loaded: no access rules');
          const caller = options.callerOf(requestContext.context as TContext) ?? anonymousCaller('unknown');
          const { document, removals } = rewriteOperation(
            requestContext.schema,
            rules,
            caller,
            requestContext.document,
            requestContext.operation,
            markerNonce(requestContext.queryHash, requestContext.source),
          );
          if (removals.length === 0) return inner(requestContext);
          const operation = document.definitions[0] as OperationDefinitionNode;
          const source = print(document);
          const rewritten: GatewayGraphQLRequestContext = Object.assign(Object.create(Object.getPrototypeOf(requestContext) as object) as object, requestContext, {
            document,
            operation,
            source,
            queryHash: createHash('sha256').update(source).digest('hex'),
          });
          const result = await inner(rewritten);
          const applied = applyRemovals(result.data, removals);
          return { ...result, data: applied.data, errors: [...applied.errors, ...(result.errors ?? [])] };
        },
      };
    },
  };
}
