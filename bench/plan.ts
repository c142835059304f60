/**
 * npx tsx bench/plan.ts [--depth 1] [--print]: the gateway's query plan for each read scenario, as fetches per
 * subgraph. Each fetch is one HTTP request to a subgraph with fresh DataLoaders, so its statements repeat: this is
 * what separates the hub's SQL/req from the monolith's.
 */
import path from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { loadSupergraph, readScenarios } from './lib/scenarios';

const file = path.resolve(__dirname, '..', 'schema', 'supergraph.graphql');
const args = process.argv.slice(2);
const depth = args.includes('--depth') ? Number(args[args.indexOf('--depth') + 1]) : 1;
const info = loadSupergraph(file);
const supergraph = Supergraph.build(info.sdl);
const planner = new QueryPlanner(supergraph);
const none = { households: [{ id: '', regionCode: '', headId: '', memberIds: [] }], communities: [''], subdistricts: [''], districts: [''], today: new Date().toISOString().slice(0, 10) };
for (const scenario of readScenarios(info, none, { depth })) {
  const plan = planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(scenario.query)));
  const text = prettyFormatQueryPlan(plan);
  const fetches: Record<string, number> = {};
  for (const match of text.matchAll(/Fetch\(service: "([^"]+)"/g)) fetches[match[1]!] = (fetches[match[1]!] ?? 0) + 1;
  const total = Object.values(fetches).reduce((a, b) => a + b, 0);
  console.log(`${scenario.id} ${scenario.title}: ${total} fetches ${JSON.stringify(fetches)}`);
  if (args.includes('--print')) console.log(text);
}
