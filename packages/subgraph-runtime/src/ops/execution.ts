/**
 * State one gateway execution shares across its fetches to this subgraph. A query plan may fetch from a subgraph
 * several times for one request (one household: employment four times, once per wave and path); with the loaders
 * shared, a later fetch finds the rows an earlier one read instead of reading them again.
 *
 * Only read-only fetches share: a mutation fetch gets fresh state and drops what its execution held, so the fetches
 * after it read anew. Executions are told apart by the gateway token's signed, random execution id (never by the
 * request id, which a client may choose). State lives for 3 s from an execution's first fetch (a read that comes later
 * makes its own), for at most 200 executions at a time; expired state is dropped as new executions arrive.
 */
export type PerExecution = <T>(key: string, make: () => T) => T;

const unshared: PerExecution = (_key, make) => make();

/** Whether a GraphQL request body is one operation that cannot write: no `mutation` (or `subscription`) anywhere in it. */
export function isReadOnlyRequest(body: unknown): boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  // Conservative: the word anywhere (even in a name or a string) counts as a write and only costs the sharing.
  return typeof query === 'string' && !Array.isArray(body) && !/\b(mutation|subscription)\b/.test(query);
}

export class ExecutionState {
  private readonly executions = new Map<string, { until: number; values: Map<string, unknown> }>();

  constructor(
    private readonly ttlMs = 3_000,
    private readonly maxExecutions = 200,
  ) {}

  /** What one fetch uses: shared with the execution's other read-only fetches, or its own. */
  forFetch(executionId: string | undefined, readOnly: boolean): PerExecution {
    if (!executionId) return unshared;
    if (!readOnly) {
      this.executions.delete(executionId);
      return unshared;
    }
    const now = Date.now();
    // Executions are kept in the order they began and all live equally long: the expired ones are at the front.
    for (const [id, { until }] of this.executions) {
      if (until > now) break;
      this.executions.delete(id);
    }
    let execution = this.executions.get(executionId);
    if (!execution) {
      if (this.executions.size >= this.maxExecutions) this.executions.delete(this.executions.keys().next().value!);
      execution = { until: now + this.ttlMs, values: new Map() };
      this.executions.set(executionId, execution);
    }
    const { values } = execution;
    return <T>(key: string, make: () => T): T => {
      if (!values.has(key)) values.set(key, make());
      return values.get(key) as T;
    };
  }

  get size(): number {
    return this.executions.size;
  }
}
