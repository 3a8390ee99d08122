import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideDeletions, deletionOrder, entryRef } from '../../src/apply/delete.ts';
import { keyOf } from '../../src/apply/refs.ts';
import type { InventoryEntry } from '../../src/inventory/entries.ts';
import type { KubeObject } from '../../src/objects/types.ts';

const e = (component: string, apiVersion: string, kind: string, name: string, namespace?: string): InventoryEntry => ({
  apiVersion,
  kind,
  name,
  component,
  ...(namespace ? { namespace } : {}),
});

const show = (rounds: ReturnType<typeof deletionOrder>): string[][] =>
  rounds.map((round) =>
    round.map(
      (c) => `${c.component}: ${c.steps.map((s) => s.map((x) => `${x.kind}/${x.name}`).join(' ')).join(' | ')}`,
    ),
  );

describe('deletionOrder', () => {
  it('reverses waves, puts components that left the stack first, and phases in reverse', () => {
    const entries = [
      e('db', 'v1', 'Namespace', 'shop'),
      e('db', 'apps/v1', 'StatefulSet', 'pg', 'shop'),
      e('db', 'v1', 'Service', 'pg', 'shop'),
      e('db', 'v1', 'Secret', 'pg', 'shop'),
      e('web', 'apps/v1', 'Deployment', 'web', 'shop'),
      e('web', 'v1', 'ConfigMap', 'web', 'shop'),
      e('web', 'batch/v1', 'Job', 'migrate', 'shop'),
      e('api', 'apps/v1', 'Deployment', 'api', 'shop'),
      e('old', 'v1', 'ConfigMap', 'legacy', 'shop'),
      e('web', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com'),
      e('web', 'example.com/v1', 'Widget', 'w', 'shop'),
    ];
    assert.deepEqual(show(deletionOrder(entries, [['db'], ['api', 'web']])), [
      ['old: ConfigMap/legacy'],
      [
        'api: Deployment/api',
        'web: Widget/w | Job/migrate | Deployment/web | ConfigMap/web | CustomResourceDefinition/widgets.example.com',
      ],
      ['db: StatefulSet/pg | Service/pg | Secret/pg | Namespace/shop'],
    ]);
  });

  it('an empty inventory deletes nothing', () => {
    assert.deepEqual(deletionOrder([], [['a']]), []);
  });
});

describe('decideDeletions', () => {
  const id = 'convoy-system/shop';
  const live = (entry: InventoryEntry, annotations: Record<string, string>): KubeObject => ({
    apiVersion: entry.apiVersion,
    kind: entry.kind,
    metadata: { name: entry.name, namespace: entry.namespace, annotations },
  });
  const ours = { 'convoy.dev/inventory': id };
  const ns = e('db', 'v1', 'Namespace', 'shop');
  const pvc = e('db', 'v1', 'PersistentVolumeClaim', 'data', 'shop');
  const keptSecret = e('db', 'v1', 'Secret', 'pw', 'shop');
  const cm = e('db', 'v1', 'ConfigMap', 'cfg', 'shop');
  const foreign = e('db', 'v1', 'ConfigMap', 'theirs', 'shop');
  const gone = e('db', 'v1', 'ConfigMap', 'gone', 'shop');
  const entries = [ns, pvc, keptSecret, cm, foreign, gone];
  const liveMap = new Map<string, KubeObject | undefined>([
    [keyOf(entryRef(ns)), live(ns, ours)],
    [keyOf(entryRef(pvc)), live(pvc, ours)],
    [keyOf(entryRef(keptSecret)), live(keptSecret, { ...ours, 'convoy.dev/keep': 'true' })],
    [keyOf(entryRef(cm)), live(cm, ours)],
    [keyOf(entryRef(foreign)), live(foreign, { 'convoy.dev/inventory': 'convoy-system/other' })],
    [keyOf(entryRef(gone)), undefined],
  ]);
  const actions = (m: Map<string, { action: string }>) =>
    entries.map((x) => `${x.kind}/${x.name}: ${m.get(keyOf(entryRef(x)))?.action}`);

  it('destroy keeps PVCs, keep-marked objects and the namespace holding them', () => {
    const d = decideDeletions(entries, liveMap, id, { purge: false, operation: 'destroy' });
    assert.deepEqual(actions(d), [
      'Namespace/shop: kept',
      'PersistentVolumeClaim/data: kept',
      'Secret/pw: kept',
      'ConfigMap/cfg: delete',
      'ConfigMap/theirs: skipped',
      'ConfigMap/gone: skipped',
    ]);
  });

  it('purge deletes everything that is ours', () => {
    const d = decideDeletions(entries, liveMap, id, { purge: true, operation: 'destroy' });
    assert.deepEqual(actions(d), [
      'Namespace/shop: delete',
      'PersistentVolumeClaim/data: delete',
      'Secret/pw: delete',
      'ConfigMap/cfg: delete',
      'ConfigMap/theirs: skipped',
      'ConfigMap/gone: skipped',
    ]);
  });

  it('prune deletes a PVC that left the stack, but not keep-marked objects', () => {
    const d = decideDeletions([pvc, keptSecret], liveMap, id, { purge: false, operation: 'prune' });
    assert.deepEqual(
      [pvc, keptSecret].map((x) => d.get(keyOf(entryRef(x)))?.action),
      ['delete', 'kept'],
    );
  });
});
