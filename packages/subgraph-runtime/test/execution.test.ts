import { ExecutionState, isReadOnlyRequest } from '../src/ops/execution';

describe('state shared by the fetches of one gateway execution', () => {
  const make = (() => {
    let made = 0;
    return () => ({ n: ++made });
  })();

  it('gives the read-only fetches of one execution the same value, and other executions their own', () => {
    const state = new ExecutionState();
    const first = state.forFetch('x1', true)('loaders', make);
    expect(state.forFetch('x1', true)('loaders', make)).toBe(first);
    expect(state.forFetch('x2', true)('loaders', make)).not.toBe(first);
    // Other keys of the same execution are other values.
    expect(state.forFetch('x1', true)('other', make)).not.toBe(first);
  });

  it('shares nothing without an execution id (direct calls, tests, onward calls)', () => {
    const state = new ExecutionState();
    expect(state.forFetch(undefined, true)('loaders', make)).not.toBe(state.forFetch(undefined, true)('loaders', make));
    expect(state.size).toBe(0);
  });

  it('gives a mutation fetch its own value and makes the fetches after it read anew', () => {
    const state = new ExecutionState();
    const before = state.forFetch('x1', true)('loaders', make);
    const duringWrite = state.forFetch('x1', false)('loaders', make);
    expect(duringWrite).not.toBe(before);
    const after = state.forFetch('x1', true)('loaders', make);
    expect(after).not.toBe(before);
    expect(after).not.toBe(duringWrite);
  });

  it('forgets an execution after its time and keeps at most so many', () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T08:00:00Z') });
    try {
      const state = new ExecutionState(1_000, 2);
      const first = state.forFetch('x1', true)('loaders', make);
      jest.setSystemTime(new Date('2026-11-29T08:00:00.999Z'));
      expect(state.forFetch('x1', true)('loaders', make)).toBe(first);
      jest.setSystemTime(new Date('2026-11-29T08:00:01Z'));
      expect(state.forFetch('x1', true)('loaders', make)).not.toBe(first);
      state.forFetch('x2', true)('loaders', make);
      state.forFetch('x3', true)('loaders', make);
      expect(state.size).toBe(2);
      // Expired executions are dropped when the next one arrives, not kept until the limit pushes them out.
      jest.setSystemTime(new Date('2026-11-29T08:00:05Z'));
      state.forFetch('x4', true)('loaders', make);
      expect(state.size).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    [{ query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }' }, true],
    [{ query: '{ household(id: "h") { id } }' }, true],
    [{ query: 'mutation ($input: X!) { submitDibaoApplication(input: $input) { userErrors { message } } }' }, false],
    [{ query: '# a comment\n mutation { a }' }, false],
    [{ query: 'query Q { a } mutation M { b }', operationName: 'Q' }, false],
    [{ query: 'subscription { a }' }, false],
    [[{ query: '{ a }' }], false],
    [{}, false],
  ])('tells whether %j can write: read-only %s', (body, readOnly) => {
    expect(isReadOnlyRequest(body)).toBe(readOnly);
  });
});
