import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayHeaders } from '../support/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from './support/fixtures';
import { spawnTs, type Spawned } from './support/processes';

// Reads the database (an empty one: the answer is the same from either replica).
const QUERY = JSON.stringify({ query: '{ region(code: "370703") { name } households(regionCode: "370703", first: 1) { totalCount } }' });
const EXPECTED = JSON.stringify({ data: { region: null, households: { totalCount: 0 } } });

interface Upstream {
  port: number;
  ready: boolean;
  active: number;
  /** Requests that reached this replica and got no answer. */
  lost: number;
}

/**
 * The test's own round-robin load balancer, as a Service would be: it polls each replica's /ready and routes
 * only to ready ones; it passes the gateway's token on. A request that could not connect never reached a replica, so it goes to the next one;
 * a request that fails after reaching a replica is lost (502) and counted against that replica.
 */
async function startRoundRobin(upstreams: Upstream[]): Promise<{ url: string; stop: () => Promise<void> }> {
  let next = 0;
  const poll = setInterval(() => {
    for (const upstream of upstreams) {
      fetch(`http://127.0.0.1:${upstream.port}/ready`, { signal: AbortSignal.timeout(200) }).then(
        (response) => (upstream.ready = response.ok),
        () => (upstream.ready = false),
      );
    }
  }, 50);
  const pick = (tried: Set<Upstream>): Upstream => {
    const untried = upstreams.filter((u) => !tried.has(u));
    const ready = untried.filter((u) => u.ready);
    const pool = ready.length ? ready : untried;
    return pool[next++ % pool.length]!;
  };
  const forward = (body: Buffer, authorization: string, res: http.ServerResponse, tried: Set<Upstream>): void => {
    const upstream = pick(tried);
    tried.add(upstream);
    upstream.active += 1;
    let settled = false;
    const settle = (outcome: 'answered' | 'refused' | 'lost') => {
      if (settled) return;
      settled = true;
      upstream.active -= 1;
      if (outcome === 'lost') upstream.lost += 1;
    };
    const request = http.request(
      { host: '127.0.0.1', port: upstream.port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization } },
      (answer) => {
        let text = '';
        answer.on('data', (chunk: Buffer) => (text += chunk.toString()));
        answer.on('end', () => {
          settle('answered');
          res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' }).end(text);
        });
        answer.on('error', () => {
          settle('lost');
          res.writeHead(502).end();
        });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') {
        settle('refused');
        upstream.ready = false;
        if (tried.size < upstreams.length) return forward(body, authorization, res, tried);
      } else settle('lost');
      if (!res.headersSent) res.writeHead(502).end();
    });
    request.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(Buffer.concat(chunks), req.headers.authorization ?? '', res, new Set()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: () => {
      clearInterval(poll);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Two replicas of the community subgraph on one database: either serves any request, so losing one loses only its requests in flight. */
describe('two replicas of a subgraph behind a round-robin balancer', () => {
  let database: TestDatabase;
  const processes: Spawned[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('replicas', ['community']);
  });
  afterAll(async () => {
    for (const running of processes) running.child.kill('SIGKILL');
    await database.drop();
  });

  it.each([
    ['SIGKILL', 'a crash loses only requests that were in flight on the killed replica'],
    ['SIGTERM', 'a graceful stop loses none'],
  ] as const)('%s of one replica mid-load: %s', async (signal, _expectation) => {
    const upstreams: Upstream[] = [];
    const replicas: Spawned[] = [];
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      const env = { COMMUNITY_DATABASE_URL: database.url, COMMUNITY_PORT: String(port), DB_POOL_SIZE: '4', SHUTDOWN_DELAY_MS: '1000' };
      const replica = spawnTs('subgraphs/community/src/server.ts', env);
      processes.push(replica);
      replicas.push(replica);
      upstreams.push({ port, ready: false, active: 0, lost: 0 });
    }
    await Promise.all(replicas.map((replica) => replica.waitForLine((line) => line.msg === 'community subgraph listening', 60_000)));
    // As the gateway calls them: with its token for community, for a caller with every scope over the test regions.
    const headers = { 'content-type': 'application/json', ...(await gatewayHeaders('community')) };
    // Warm both up (first queries compile and connect).
    for (const { port } of upstreams) {
      for (let i = 0; i < 10; i += 1) {
        const warm = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers, body: QUERY });
        expect((await warm.text()).trim()).toBe(EXPECTED);
      }
    }
    const balancer = await startRoundRobin(upstreams);
    try {
      // Counted, not timed: the kill comes after 40 answers, and the load goes on for 40 answers more.
      const outcomes: { ok: boolean; afterKill: boolean }[] = [];
      let killed = false;
      const worker = async () => {
        while (outcomes.filter((o) => o.afterKill).length < 40) {
          const afterKill = killed;
          try {
            const response = await fetch(balancer.url, { method: 'POST', headers, body: QUERY });
            outcomes.push({ ok: response.status === 200 && (await response.text()).trim() === EXPECTED, afterKill });
          } catch {
            outcomes.push({ ok: false, afterKill });
          }
          if (!killed && outcomes.length >= 40) {
            killed = true;
            replicas[0]!.child.kill(signal);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));

      const failures = outcomes.filter((o) => !o.ok).length;
      expect(outcomes.filter((o) => o.ok && o.afterKill).length).toBeGreaterThan(30);
      // Nothing was lost on the surviving replica, and every failed request is one the killed replica had taken.
      expect(upstreams[1]!.lost).toBe(0);
      expect(failures).toBe(upstreams[0]!.lost);
      if (signal === 'SIGKILL') expect(failures).toBeLessThanOrEqual(8); // at most one per concurrent client
      else expect(failures).toBe(0);
      expect(await replicas[0]!.exited).toEqual(signal === 'SIGKILL' ? { code: null, signal: 'SIGKILL' } : { code: 0, signal: null });
    } finally {
      await balancer.stop();
      for (const replica of replicas) replica.child.kill('SIGKILL');
    }
  });
});
