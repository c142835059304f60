import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '@hub/database';
import { parseAllDocuments } from 'yaml';
import { parseRateLimit } from '../../gateway/src/config';

/** The Kubernetes base: every workload has probes, resource requests, a Service and an autoscaler; each subgraph its own database. */
const BASE = path.resolve(__dirname, '..', '..', 'deploy', 'base');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface Container {
  name: string;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  resources?: { requests?: { cpu?: string; memory?: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
}
interface PodSpec {
  volumes?: { name: string; secret?: { secretName: string; defaultMode?: number }; emptyDir?: object }[];
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
}

function load(): Manifest[] {
  const kustomization = parseAllDocuments(readFileSync(path.join(BASE, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as { resources: string[] };
  return kustomization.resources.flatMap((file) => parseAllDocuments(readFileSync(path.join(BASE, file), 'utf8')).map((doc) => doc.toJS() as Manifest));
}

describe('deploy/base', () => {
  const manifests = load();
  const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const workloads = ['gateway', ...SUBGRAPH_NAMES];

  it('parses, and names every object once per kind', () => {
    expect(manifests.length).toBeGreaterThan(0);
    const keys = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(manifests.filter((m) => m.kind === 'Deployment').map((m) => m.metadata.name).sort()).toEqual(workloads.map((w) => `hub-${w}`).sort());
  });

  it('listens on all interfaces in pods and sets the limits, pools and timeouts explicitly', () => {
    const config = find('ConfigMap', 'hub-config')!;
    expect(config.data).toMatchObject({ HOST: '0.0.0.0', NODE_ENV: 'production' });
    for (const key of ['SUBGRAPH_TIMEOUT_MS', 'MAX_CONCURRENT_REQUESTS', 'BODY_LIMIT', 'SHUTDOWN_GRACE_MS', 'DB_POOL_SIZE', 'DB_STATEMENT_TIMEOUT_MS']) {
      expect(config.data![key]).toMatch(/^\d+(mb|kb)?$/);
    }
    // A per-subject limit is on (a malformed value would stop every gateway pod at start).
    expect(parseRateLimit(config.data!.HUB_RATE_LIMIT)).toEqual({ capacity: expect.any(Number), refillPerSecond: expect.any(Number) });
    // The development secrets never reach a cluster (production refuses them anyway).
    expect(Object.keys(config.data!).filter((key) => /SECRET/.test(key))).toEqual([]);
  });

  /** The file an environment variable names, and the Secret mounted at its directory (read-only). */
  function secretBehind(pod: PodSpec, container: Container, variable: string): { secretName: string; defaultMode?: number; file: string } | undefined {
    const file = container.env?.find((e) => e.name === variable)?.value;
    if (!file) return undefined;
    const mount = container.volumeMounts?.find((m) => path.posix.dirname(file) === m.mountPath);
    const volume = pod.volumes?.find((v) => v.name === mount?.name);
    if (!mount?.readOnly || !volume?.secret) return undefined;
    return { secretName: volume.secret.secretName, defaultMode: volume.secret.defaultMode, file: path.posix.basename(file) };
  }
  const podOf = (workload: string) => (find('Deployment', `hub-${workload}`)!.spec as { template: { spec: PodSpec } }).template.spec;

  it('gives the gateway the caller-token keys and the gateway-token signing key from read-only Secret mounts, with the playground off', () => {
    const pod = podOf('gateway');
    const gateway = pod.containers[0]!;
    expect(secretBehind(pod, gateway, 'HUB_JWKS_FILE')).toEqual({ secretName: 'hub-caller-jwks', defaultMode: 0o440, file: 'jwks.json' });
    expect(secretBehind(pod, gateway, 'HUB_GATEWAY_PRIVATE_KEY_FILE')).toEqual({ secretName: 'hub-gateway-signing-key', defaultMode: 0o440, file: 'gateway-key.pem' });
    expect(gateway.env).toEqual(expect.arrayContaining([{ name: 'PLAYGROUND', value: '0' }]));
  });

  it('gives every subgraph only the public key of gateway tokens, never the signing key', () => {
    for (const subgraph of SUBGRAPH_NAMES) {
      const pod = podOf(subgraph);
      const server = pod.containers[0]!;
      expect(secretBehind(pod, server, 'HUB_GATEWAY_PUBLIC_KEY_FILE')).toEqual({ secretName: 'hub-gateway-verify-key', defaultMode: 0o440, file: 'gateway-public-key.pem' });
      expect(pod.volumes!.some((v) => v.secret?.secretName === 'hub-gateway-signing-key')).toBe(false);
      expect(server.env!.some((e) => e.name === 'HUB_GATEWAY_PRIVATE_KEY_FILE')).toBe(false);
    }
  });

  it('sets no development secret in any container', () => {
    for (const workload of workloads) {
      const pod = podOf(workload);
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        expect((container.env ?? []).map((e) => e.name).filter((name) => ['HUB_JWT_SECRET', 'HUB_GATEWAY_SECRET'].includes(name))).toEqual([]);
      }
    }
  });

  describe.each(workloads)('%s', (workload) => {
    const name = `hub-${workload}`;
    const deployment = find('Deployment', name)!;
    const pod = (deployment.spec as { template: { spec: PodSpec; metadata: { labels: Record<string, string> } } }).template;
    const container = pod.spec.containers[0]!;
    const port = container.ports![0]!.containerPort;

    it('has liveness /health, readiness, resource requests and the shared config', () => {
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(['/ready', '/health']).toContain(container.readinessProbe?.httpGet?.path);
      expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'hub-config' } }]);
      // Room for the drain: SHUTDOWN_GRACE_MS plus the 5 s preStop pause.
      expect(pod.spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(Number(find('ConfigMap', 'hub-config')!.data!.SHUTDOWN_GRACE_MS) + 5_000);
    });

    it('has a Service selecting its pods on its port and an HPA scaling it', () => {
      const service = find('Service', name)!;
      const selector = (service.spec as { selector: Record<string, string> }).selector;
      expect(Object.entries(selector).every(([key, value]) => pod.metadata.labels[key] === value)).toBe(true);
      expect((service.spec as { ports: { port: number; targetPort: string }[] }).ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      const hpa = find('HorizontalPodAutoscaler', name)!;
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec).toMatchObject({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: expect.any(Number), maxReplicas: expect.any(Number) });
      expect((hpa.spec as { minReplicas: number }).minReplicas).toBeGreaterThanOrEqual(2);
      expect(find('PodDisruptionBudget', name)).toBeDefined();
    });
  });

  describe.each(SUBGRAPH_NAMES)('subgraph %s', (subgraph) => {
    const { envPrefix, port } = SUBGRAPHS[subgraph];
    const pod = (find('Deployment', `hub-${subgraph}`)!.spec as { template: { spec: PodSpec } }).template.spec;

    it('reads its own database URL from its own Secret, in the server and the migration init container', () => {
      for (const container of [pod.containers[0]!, pod.initContainers![0]!]) {
        expect(container.env).toEqual(
          expect.arrayContaining([{ name: `${envPrefix}_DATABASE_URL`, valueFrom: { secretKeyRef: { name: `hub-${subgraph}-db`, key: `${envPrefix}_DATABASE_URL` } } }]),
        );
        expect(container.env!.some((e) => e.name === 'DATABASE_URL')).toBe(false);
      }
      expect(pod.initContainers![0]!.command).toEqual(['node', '--import', 'tsx', 'deploy/migrate.ts', subgraph]);
      expect(pod.containers[0]!.command).toEqual(['node', '--import', 'tsx', `subgraphs/${subgraph}/src/server.ts`]);
      expect(pod.containers[0]!.ports).toEqual([{ name: 'http', containerPort: port }]);
      expect(pod.containers[0]!.readinessProbe?.httpGet?.path).toBe('/ready');
    });

    it('is what the gateway calls', () => {
      const gateway = (find('Deployment', 'hub-gateway')!.spec as { template: { spec: PodSpec } }).template.spec.containers[0]!;
      expect(gateway.env).toEqual(expect.arrayContaining([{ name: `${envPrefix}_URL`, value: `http://hub-${subgraph}:${port}/graphql` }]));
    });
  });
});

describe('deploy/overlays/example', () => {
  const overlay = path.resolve(BASE, '..', 'overlays', 'example');

  it('builds with kustomize into the namespace with the registry image (statically checked where kubectl is absent)', () => {
    const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
    if (hasKubectl) {
      const built = parseAllDocuments(execFileSync('kubectl', ['kustomize', overlay], { encoding: 'utf8' })).map((doc) => doc.toJS() as Manifest & { metadata: { namespace?: string } });
      expect(built.filter((m) => m.kind !== 'Namespace').every((m) => m.metadata.namespace === 'household-hub')).toBe(true);
      const images = built
        .filter((m) => m.kind === 'Deployment')
        .flatMap((m) => {
          const spec = (m.spec as { template: { spec: PodSpec & { containers: (Container & { image: string })[]; initContainers?: (Container & { image: string })[] } } }).template.spec;
          return [...spec.containers, ...(spec.initContainers ?? [])].map((c) => c.image);
        });
      expect(new Set(images)).toEqual(new Set(['registry.example.gov.cn/household-hub:0.1.0']));
      expect(built.find((m) => m.kind === 'ConfigMap')!.data).toMatchObject({ CIVIL_AFFAIRS_TIMEOUT_MS: '8000', HOST: '0.0.0.0' });
    } else {
      const kustomization = parseAllDocuments(readFileSync(path.join(overlay, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as { namespace: string; resources: string[]; images: { name: string }[] };
      expect(kustomization).toMatchObject({ namespace: 'household-hub', resources: expect.arrayContaining(['../../base']), images: [expect.objectContaining({ name: 'household-hub' })] });
    }
  });
});
