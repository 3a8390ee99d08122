import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryKey, type InventoryEntry } from '../../src/inventory/entries.ts';
import { pruneScope } from '../../src/plan/diff-scope.ts';

const e = (component: string, name: string): InventoryEntry => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'shop',
  name,
  component,
});

describe('pruneScope', () => {
  const previous = [e('web', 'web-a'), e('web', 'web-old'), e('db', 'db-a'), e('gone', 'gone-a'), e('', 'orphan')];
  const desired = new Set([entryKey(e('web', 'web-a'))]);
  const names = (list: InventoryEntry[]) => list.map((x) => x.name);

  it('without the stack component list, only objects that left a selected component', () => {
    const s = pruneScope(previous, desired, new Set(['web']), undefined);
    assert.deepEqual(names(s.removed), ['web-old']);
    assert.deepEqual(names(s.untouched), ['db-a', 'gone-a', 'orphan']);
  });

  it('with it, also components that left the stack; unselected ones are untouched', () => {
    const s = pruneScope(previous, desired, new Set(['web']), ['web', 'db']);
    assert.deepEqual(names(s.removed), ['web-old', 'gone-a', 'orphan']);
    assert.deepEqual(names(s.untouched), ['db-a']);
  });

  it('desired entries are neither', () => {
    const s = pruneScope([e('web', 'web-a')], desired, new Set(['web']), ['web']);
    assert.deepEqual([s.removed, s.untouched], [[], []]);
  });
});
