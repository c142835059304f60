import path from 'node:path';
import fc from 'fast-check';
import type { RunningSubgraph } from '@hub/subgraph-runtime';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { startBenefits, startPeople, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL, type BenefitsControl } from './support/fixtures';

/** Whatever arrives over HTTP, the gateway and the subgraphs answer with a GraphQL-shaped client error, never a 5xx; mutations are not run. */
describe('generated bad requests', () => {
  const control: BenefitsControl = { delayMs: 0, grants: 0 };
  let people: RunningSubgraph;
  let benefits: RunningSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    people = await startPeople();
    benefits = await startBenefits(control);
    const file = path.join(tempDir('bad-input'), 'supergraph.graphql');
    writeSupergraph(file, [
      { name: 'people', url: people.url, sdl: PEOPLE_SDL },
      { name: 'benefits', url: benefits.url, sdl: BENEFITS_SDL },
    ]);
    gateway = await startGateway({ port: 0, playground: false, supergraphFile: file, watchSupergraph: false, bodyLimit: '16kb' });
  });
  afterAll(async () => {
    await gateway.stop();
    await people.stop();
    await benefits.stop();
  });

  // Bodies: arbitrary text, arbitrary JSON, and near-GraphQL requests with broken queries and odd variables.
  const fragments = ['{', '}', 'mutation', 'query', 'grant(id: ', 'household(id: "1")', '{ name }', '$id', '...', '@skip(if: true)', '"', '\u0000', '__typename', 'benefit', '(', ')', ':'];
  const nearQuery = fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join(' '));
  const body = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    fc.record({ query: fc.oneof(nearQuery, fc.string(), fc.integer(), fc.constant(null)), variables: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), operationName: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(undefined)) }).map((r) => JSON.stringify(r)),
    fc.string({ minLength: 17_000, maxLength: 17_100 }).map((s) => JSON.stringify({ query: s })),
  );
  const contentType = fc.constantFrom('application/json', 'text/plain', 'application/graphql-response+json', 'application/x-www-form-urlencoded');

  it('never answers 5xx and never runs a refused mutation', async () => {
    const targets = [gateway.url, people.url, benefits.url];
    await fc.assert(
      fc.asyncProperty(body, contentType, fc.constantFrom(0, 1, 2), async (text, type, target) => {
        const grantsBefore = control.grants;
        const response = await fetch(targets[target]!, { method: 'POST', headers: { 'content-type': type, 'apollo-require-preflight': 'true' }, body: text });
        const answer = await response.text();
        expect(response.status).toBeLessThan(500);
        // Every error answer is GraphQL-shaped JSON with a code a client can act on.
        if (response.status >= 400) {
          const parsed = JSON.parse(answer) as { errors: { message: string; extensions?: { code?: string } }[] };
          expect(parsed.errors.length).toBeGreaterThan(0);
          expect(typeof parsed.errors[0]!.extensions?.code).toBe('string');
        }
        const parsed = JSON.parse(answer) as { data?: { grant?: number } };
        // A grant only happens when the answer says it did.
        expect(control.grants - grantsBefore).toBe(typeof parsed.data?.grant === 'number' ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });
});
