/** The no-dry-run shortcut: when a live object is known unchanged (src/plan/applied-hash.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  APPLIED_HASH_ANNOTATION,
  appliedHash,
  unchangedSinceApplied,
  withAppliedHash,
} from '../../src/plan/applied-hash.ts';
import type { KubeObject } from '../../src/objects/types.ts';

const desired = withAppliedHash({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'n', annotations: { 'convoy.dev/inventory': 'convoy-system/s' } },
  data: { a: '1' },
});
const stamp = desired.metadata.annotations?.[APPLIED_HASH_ANNOTATION] ?? '';

const live = (annotations: Record<string, string>, managedFields: object[]): KubeObject => ({
  ...desired,
  metadata: { ...desired.metadata, annotations, managedFields },
});
const ours = (time: string) => ({ manager: 'convoy', operation: 'Apply', time });
const other = (time: string, extra: object = {}) => ({ manager: 'kubectl-edit', operation: 'Update', time, ...extra });

const cases: { name: string; live: KubeObject; want: boolean }[] = [
  {
    name: 'same stamp, only our entry',
    live: live({ [APPLIED_HASH_ANNOTATION]: stamp }, [ours('2026-01-01T00:00:10Z')]),
    want: true,
  },
  {
    name: 'another manager wrote earlier',
    live: live({ [APPLIED_HASH_ANNOTATION]: stamp }, [other('2026-01-01T00:00:05Z'), ours('2026-01-01T00:00:10Z')]),
    want: true,
  },
  {
    name: 'another manager wrote later (drift)',
    live: live({ [APPLIED_HASH_ANNOTATION]: stamp }, [ours('2026-01-01T00:00:10Z'), other('2026-01-01T00:00:11Z')]),
    want: false,
  },
  {
    name: 'another manager wrote in the same second (could be later)',
    live: live({ [APPLIED_HASH_ANNOTATION]: stamp }, [ours('2026-01-01T00:00:10Z'), other('2026-01-01T00:00:10Z')]),
    want: false,
  },
  {
    name: 'a status subresource entry does not count',
    live: live({ [APPLIED_HASH_ANNOTATION]: stamp }, [
      ours('2026-01-01T00:00:10Z'),
      other('2026-01-01T00:00:20Z', { subresource: 'status' }),
    ]),
    want: true,
  },
  {
    name: 'no stamp (applied by an older convoy or by hand)',
    live: live({}, [ours('2026-01-01T00:00:10Z')]),
    want: false,
  },
  {
    name: 'a different stamp (desired changed)',
    live: live({ [APPLIED_HASH_ANNOTATION]: 'sha256:0' }, [ours('2026-01-01T00:00:10Z')]),
    want: false,
  },
  {
    name: 'no Apply entry of our manager',
    live: live({ [APPLIED_HASH_ANNOTATION]: stamp }, [other('2026-01-01T00:00:10Z')]),
    want: false,
  },
];
for (const c of cases) {
  test(`unchangedSinceApplied: ${c.name}`, () => {
    assert.equal(unchangedSinceApplied(c.live, desired, 'convoy'), c.want);
  });
}

test('appliedHash ignores key order and its own annotation', () => {
  const a: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1', b: '2' } };
  const b: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', data: { b: '2', a: '1' }, metadata: { name: 'x' } };
  assert.equal(appliedHash(a), appliedHash(b));
  assert.equal(appliedHash(withAppliedHash(a)), appliedHash(a));
  assert.notEqual(appliedHash({ ...a, data: { a: '2', b: '2' } }), appliedHash(a));
});
