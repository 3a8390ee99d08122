import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/objects/types.ts';
import { relistEvents } from '../../src/kube/watch.ts';

const obj = (name: string, rv: string, namespace = 'demo'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, resourceVersion: rv },
});
const summary = (events: { type: string; object: KubeObject }[]) =>
  events.map((e) => `${e.type} ${e.object.metadata.name}@${String(e.object.metadata['resourceVersion'])}`);

test('relistEvents: first list is all ADDED', () => {
  const known = new Map<string, KubeObject>();
  assert.deepEqual(summary(relistEvents(known, [obj('a', '1'), obj('b', '2')])), ['ADDED a@1', 'ADDED b@2']);
  assert.equal(known.size, 2);
});

test('relistEvents: after 410, emits what changed: added, modified, deleted', () => {
  const known = new Map<string, KubeObject>();
  relistEvents(known, [obj('a', '1'), obj('b', '2'), obj('c', '3')]);
  const events = relistEvents(known, [obj('a', '1'), obj('b', '7'), obj('d', '8')]);
  assert.deepEqual(summary(events), ['MODIFIED b@7', 'ADDED d@8', 'DELETED c@3']);
  assert.deepEqual([...known.keys()].sort(), ['demo/a', 'demo/b', 'demo/d']);
});

test('relistEvents: same name in two namespaces are two objects', () => {
  const known = new Map<string, KubeObject>();
  const events = relistEvents(known, [obj('a', '1', 'x'), obj('a', '2', 'y')]);
  assert.equal(events.length, 2);
  assert.deepEqual(summary(relistEvents(known, [obj('a', '2', 'y')])), ['DELETED a@1']);
});
