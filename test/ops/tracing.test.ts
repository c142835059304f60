import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTracing } from '@hub/subgraph-runtime';
import { fixtureCallerHeaders, freePort, post, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL } from './support/fixtures';
import { spawnTs, type Spawned } from './support/processes';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string } }[];
}

/** The span's parents within the trace, nearest first. */
function ancestors(trace: OtlpSpan[], span: OtlpSpan): OtlpSpan[] {
  const parent = trace.find((s) => s.spanId === span.parentSpanId);
  return parent ? [parent, ...ancestors(trace, parent)] : [];
}

const attribute = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

/** Traces leave the process only when an OTLP endpoint is configured, and one trace spans gateway and subgraphs. */
describe('OpenTelemetry traces', () => {
  it('exports nothing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(startTracing('gateway', {})).toBe(false);
  });

  describe('with an OTLP endpoint, across three processes', () => {
    const spans: OtlpSpan[] = [];
    let receiver: http.Server;
    const processes: Spawned[] = [];
    let gatewayUrl: string;

    beforeAll(async () => {
      // A stand-in collector: OTLP/HTTP JSON on /v1/traces.
      receiver = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          const parsed = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
          for (const resource of parsed.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`, OTEL_BSP_SCHEDULE_DELAY: '100' };
      const [peoplePort, benefitsPort] = [await freePort(), await freePort()];
      const file = path.join(tempDir('tracing'), 'supergraph.graphql');
      writeSupergraph(file, [
        { name: 'people', url: `http://127.0.0.1:${peoplePort}/graphql`, sdl: PEOPLE_SDL },
        { name: 'benefits', url: `http://127.0.0.1:${benefitsPort}/graphql`, sdl: BENEFITS_SDL },
      ]);
      const people = spawnTs('test/ops/support/fixture-subgraph.ts', { ...otel, FIXTURE: 'people', PORT: String(peoplePort) });
      const benefits = spawnTs('test/ops/support/fixture-subgraph.ts', { ...otel, FIXTURE: 'benefits', PORT: String(benefitsPort) });
      const gateway = spawnTs('gateway/src/server.ts', { ...otel, SUPERGRAPH_FILE: file, PORT: '0', PLAYGROUND: '0' });
      processes.push(people, benefits, gateway);
      await people.waitForLine((line) => line.msg === 'people subgraph listening');
      await benefits.waitForLine((line) => line.msg === 'benefits subgraph listening');
      const { port } = (await gateway.waitForLine((line) => line.msg === 'gateway listening')) as { port: number };
      gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    });
    afterAll(async () => {
      for (const running of processes) running.child.kill('SIGKILL');
      await new Promise((resolve) => receiver.close(resolve));
    });

    it('sends one trace per request: gateway server span → client span per subgraph → that subgraph\'s server span', async () => {
      const { headers, body } = await post(gatewayUrl, 'query Traced { household(id: "3") { name benefit } }', undefined, await fixtureCallerHeaders());
      expect(body.errors).toBeUndefined();
      const requestId = headers.get('x-request-id');
      // SIGTERM flushes each process's last batch before it exits.
      for (const running of processes) running.child.kill('SIGTERM');
      expect(await Promise.all(processes.map((running) => running.exited))).toEqual(processes.map(() => ({ code: 0, signal: null })));
      const root = spans.find((s) => attribute(s, 'hub.service') === 'gateway' && attribute(s, 'hub.request_id') === requestId);
      expect(root).toBeDefined();
      expect(root!.name).toBe('POST /graphql');
      expect(attribute(root!, 'graphql.operation.name')).toBe('Traced');
      const trace = spans.filter((s) => s.traceId === root!.traceId);
      for (const subgraph of ['people', 'benefits']) {
        const client = trace.find((s) => s.name === `subgraph ${subgraph}`);
        // Apollo's own gateway.request / gateway.fetch spans sit in between.
        expect(ancestors(trace, client!).map((s) => s.name)).toEqual(expect.arrayContaining(['gateway.fetch', 'POST /graphql']));
        expect(ancestors(trace, client!).at(-1)).toBe(root);
        const server = trace.find((s) => attribute(s, 'hub.service') === subgraph);
        expect(server).toMatchObject({ name: 'POST /graphql', parentSpanId: client!.spanId });
        expect(attribute(server!, 'hub.request_id')).toBe(requestId);
        expect(attribute(server!, 'graphql.operation.name')).toBe(`Traced__${subgraph}__${subgraph === 'people' ? 0 : 1}`);
      }
      // And the same request id is in both subgraph processes' JSON logs.
      for (const running of processes) expect(running.lines).toEqual(expect.arrayContaining([expect.objectContaining({ requestId, msg: 'request' })]));
    });
  });
});
