/**
 * Builders for the apply e2e tests (test/e2e/apply-*.test.ts): small stacks made in code
 * (RenderedStack + ResolvedStack, as render() and resolve() would produce them) and the
 * Kubernetes objects they hold, plus an event recorder.
 */
import assert from 'node:assert/strict';
import type { ApplyEvent } from '../../src/apply/index.ts';
import type { KubeObject } from '../../src/objects/types.ts';
import type { RenderedStack } from '../../src/render/types.ts';
import type { ResolvedComponent, ResolvedStack } from '../../src/resolve/types.ts';

export interface ComponentInput {
  name: string;
  needs?: string[];
  objects: KubeObject[];
  timeoutSeconds?: number;
}

export function stack(
  name: string,
  namespace: string,
  components: ComponentInput[],
): { rendered: RenderedStack; resolved: ResolvedStack } {
  const sorted = [...components].sort((a, b) => a.name.localeCompare(b.name));
  const rendered: RenderedStack = {
    name,
    environment: undefined,
    components: sorted.map((c) => ({
      name: c.name,
      instanceName: c.name,
      namespace,
      objects: c.objects.map((o) => ({
        ...o,
        metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'convoy.dev/component': c.name } },
      })),
      inputHash: 'test',
      cached: false,
    })),
  };
  const resolved = {
    name,
    environment: undefined,
    namespace,
    affix: undefined,
    dir: '/tmp',
    file: '/tmp/convoy.yaml',
    components: sorted.map(
      (c) =>
        ({
          name: c.name,
          instanceName: c.name,
          namespace,
          needs: [...(c.needs ?? [])].sort(),
          skippedNeeds: [],
          disabledSubcomponents: [],
          sourceKind: 'manifests',
          source: { kind: 'manifests', files: [], absFiles: [] },
          timeoutSeconds: c.timeoutSeconds ?? 60,
          position: { file: '/tmp/convoy.yaml' },
        }) as unknown as ResolvedComponent,
    ),
  } as ResolvedStack;
  return { rendered, resolved };
}

export const configMap = (ns: string, name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data,
});

export const secret = (
  ns: string,
  name: string,
  data: Record<string, string>,
  annotations: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: ns, annotations },
  type: 'Opaque',
  stringData: data,
});

export const deployment = (ns: string, name: string, image = `registry.example/${name}:1`): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image }] },
    },
  },
});

export const service = (ns: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
});

export const pvc = (ns: string, name: string, volumeName: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: ns },
  spec: {
    accessModes: ['ReadWriteOnce'],
    storageClassName: '',
    volumeName,
    resources: { requests: { storage: '1Gi' } },
  },
});

export function recorder(): { events: ApplyEvent[]; emit: (e: ApplyEvent) => void } {
  const events: ApplyEvent[] = [];
  return { events, emit: (e) => events.push(e) };
}

export function timeOf(events: ApplyEvent[], type: ApplyEvent['type'], component: string): number {
  const e = events.find((x) => x.type === type && 'component' in x && x.component === component);
  assert.ok(e, `no ${type} event for ${component}; got ${events.map((x) => x.type).join(', ')}`);
  return e.time;
}

/** A Deployment whose pod never schedules (no node has the label): InProgress until its timeout. */
export const unschedulable = (ns: string, name: string): KubeObject => {
  const d = deployment(ns, name);
  const spec = d['spec'] as { template: { spec: Record<string, unknown> } };
  spec.template.spec['nodeSelector'] = { 'convoy.dev/no-such-node': 'true' };
  return d;
};

/**
 * A Job of one pod. `exitCode` other than 0 makes the test cluster fail its pod
 * (annotation convoy.dev/test-exit-code); backoffLimit 0, so the Job fails at once.
 */
export const job = (
  ns: string,
  name: string,
  options: { exitCode?: number; annotations?: Record<string, string> } = {},
): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: ns, ...(options.annotations ? { annotations: options.annotations } : {}) },
  spec: {
    backoffLimit: 0,
    template: {
      metadata: options.exitCode ? { annotations: { 'convoy.dev/test-exit-code': String(options.exitCode) } } : {},
      spec: { restartPolicy: 'Never', containers: [{ name: 'run', image: `registry.example/${name}:1` }] },
    },
  },
});
