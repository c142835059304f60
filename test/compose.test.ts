import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../scripts/compose';

describe('supergraph', () => {
  it('is committed exactly as a fresh composition of the four subgraph schemas produces it', () => {
    // Composition itself fails on any error or hint (see scripts/compose.ts).
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });
});
