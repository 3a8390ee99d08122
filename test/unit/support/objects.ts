/** Tiny builders of Kubernetes objects for plan tests. */
import type { KubeObject } from '../../../src/objects/types.ts';

/** `obj('apps/v1', 'Deployment', 'web', {namespace: 'panda', hook: 'post-install', weight: '5'})`. */
export function obj(
  apiVersion: string,
  kind: string,
  name: string,
  opts: { namespace?: string; hook?: string; weight?: string } = {},
): KubeObject {
  const annotations: Record<string, string> = {};
  if (opts.hook !== undefined) annotations['helm.sh/hook'] = opts.hook;
  if (opts.weight !== undefined) annotations['helm.sh/hook-weight'] = opts.weight;
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(opts.namespace ? { namespace: opts.namespace } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
  };
}

/** A PanDA-like chart's objects: CRD, RBAC, config, services, workloads, hooks. */
export function pandaObjects(ns: string): KubeObject[] {
  return [
    obj('apps/v1', 'Deployment', 'test-panda-server', { namespace: ns }),
    obj('apps/v1', 'Deployment', 'test-panda-jedi', { namespace: ns }),
    obj('apps/v1', 'StatefulSet', 'test-panda-db', { namespace: ns }),
    obj('v1', 'Service', 'test-panda-server', { namespace: ns }),
    obj('v1', 'Service', 'test-panda-db', { namespace: ns }),
    obj('v1', 'ConfigMap', 'test-panda-server', { namespace: ns }),
    obj('v1', 'ConfigMap', 'test-panda-jedi', { namespace: ns }),
    obj('v1', 'Secret', 'test-panda-db', { namespace: ns }),
    obj('v1', 'ServiceAccount', 'test-panda', { namespace: ns }),
    obj('rbac.authorization.k8s.io/v1', 'Role', 'test-panda', { namespace: ns }),
    obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'tasks.panda.example.org'),
    obj('batch/v1', 'Job', 'test-panda-schema', { namespace: ns, hook: 'post-install,post-upgrade', weight: '5' }),
    obj('batch/v1', 'Job', 'test-panda-wait-db', { namespace: ns, hook: 'pre-install,pre-upgrade', weight: '-5' }),
    obj('v1', 'Pod', 'test-panda-test', { namespace: ns, hook: 'test' }),
  ];
}
