import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../src/objects/types.ts';
import {
  canApply,
  canPrune,
  INVENTORY_ANNOTATION,
  inventoryId,
  isKept,
  withOwner,
  type AdoptionPolicy,
} from '../../src/inventory/ownership.ts';

const ID = 'convoy-system/panda';
const obj = (annotations?: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'demo', ...(annotations ? { annotations } : {}), ...(labels ? { labels } : {}) },
});
const ours = obj({ [INVENTORY_ANNOTATION]: ID });
const theirs = obj({ [INVENTORY_ANNOTATION]: 'convoy-system/other' });
const unowned = obj({ unrelated: 'x' });
const emptyOwner = obj({ [INVENTORY_ANNOTATION]: '' });

test('inventoryId: namespace/stack with the default namespace', () => {
  assert.equal(inventoryId('panda'), 'convoy-system/panda');
  assert.equal(inventoryId('panda', 'ops'), 'ops/panda');
});

const applyTable: {
  name: string;
  live: KubeObject | undefined;
  policy: AdoptionPolicy;
  ok: boolean;
  reason: RegExp;
}[] = [
  { name: 'absent, strict', live: undefined, policy: 'strict', ok: true, reason: /does not exist/ },
  { name: 'absent, adopt', live: undefined, policy: 'adopt', ok: true, reason: /does not exist/ },
  { name: 'ours, strict', live: ours, policy: 'strict', ok: true, reason: /owned by inventory convoy-system\/panda/ },
  { name: 'ours, adopt', live: ours, policy: 'adopt', ok: true, reason: /owned by inventory/ },
  {
    name: 'another inventory, strict',
    live: theirs,
    policy: 'strict',
    ok: false,
    reason: /another inventory \(convoy-system\/other\)/,
  },
  { name: 'another inventory, adopt', live: theirs, policy: 'adopt', ok: false, reason: /another inventory/ },
  { name: 'unowned, strict', live: unowned, policy: 'strict', ok: false, reason: /not managed by convoy.*--adopt/ },
  { name: 'unowned, adopt', live: unowned, policy: 'adopt', ok: true, reason: /adopted/ },
  { name: 'empty annotation is unowned, strict', live: emptyOwner, policy: 'strict', ok: false, reason: /not managed/ },
  { name: 'no annotations at all, adopt', live: obj(), policy: 'adopt', ok: true, reason: /adopted/ },
];
for (const c of applyTable) {
  test(`canApply: ${c.name}`, () => {
    const got = canApply(c.live, ID, c.policy);
    assert.equal(got.ok, c.ok);
    assert.match(got.reason, c.reason);
  });
}

const pruneTable: { name: string; live: KubeObject | undefined; purge?: boolean; ok: boolean; reason: RegExp }[] = [
  { name: 'absent', live: undefined, ok: false, reason: /already gone/ },
  { name: 'ours', live: ours, ok: true, reason: /owned by inventory/ },
  { name: 'another inventory', live: theirs, ok: false, reason: /another inventory/ },
  { name: 'another inventory, purge', live: theirs, purge: true, ok: false, reason: /another inventory/ },
  { name: 'unowned', live: unowned, ok: false, reason: /not managed/ },
  { name: 'unowned, purge', live: unowned, purge: true, ok: false, reason: /not managed/ },
  {
    name: 'ours, keep annotation',
    live: obj({ [INVENTORY_ANNOTATION]: ID, 'convoy.dev/keep': 'true' }),
    ok: false,
    reason: /keep.*--purge/,
  },
  {
    name: 'ours, keep label',
    live: obj({ [INVENTORY_ANNOTATION]: ID }, { 'convoy.dev/keep': 'true' }),
    ok: false,
    reason: /keep/,
  },
  {
    name: 'ours, helm keep',
    live: obj({ [INVENTORY_ANNOTATION]: ID, 'helm.sh/resource-policy': 'keep' }),
    ok: false,
    reason: /keep/,
  },
  {
    name: 'ours, keep "false"',
    live: obj({ [INVENTORY_ANNOTATION]: ID, 'convoy.dev/keep': 'false' }),
    ok: true,
    reason: /owned/,
  },
  {
    name: 'ours, keep, purge',
    live: obj({ [INVENTORY_ANNOTATION]: ID, 'convoy.dev/keep': 'true' }),
    purge: true,
    ok: true,
    reason: /owned/,
  },
  {
    name: 'ours, helm keep, purge',
    live: obj({ [INVENTORY_ANNOTATION]: ID, 'helm.sh/resource-policy': 'keep' }),
    purge: true,
    ok: true,
    reason: /owned/,
  },
];
for (const c of pruneTable) {
  test(`canPrune: ${c.name}`, () => {
    const got = canPrune(c.live, ID, c.purge === undefined ? {} : { purge: c.purge });
    assert.equal(got.ok, c.ok);
    assert.match(got.reason, c.reason);
  });
}

test('isKept and withOwner', () => {
  assert.equal(isKept(obj({ 'helm.sh/resource-policy': 'delete' })), false);
  const o = obj({ a: 'b' });
  const owned = withOwner(o, ID);
  assert.deepEqual(owned.metadata.annotations, { a: 'b', [INVENTORY_ANNOTATION]: ID });
  assert.deepEqual(o.metadata.annotations, { a: 'b' }, 'input untouched');
  assert.equal(canApply(owned, ID, 'strict').ok, true);
});
