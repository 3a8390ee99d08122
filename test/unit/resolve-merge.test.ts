import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepMerge } from '../../src/resolve/merge.ts';
import { parseDuration } from '../../src/resolve/duration.ts';
import { ConvoyError } from '../../src/errors.ts';

const merges: { name: string; base: unknown; overlay: unknown; mode?: 'keep' | 'delete'; want: unknown }[] = [
  {
    name: 'objects merge recursively',
    base: { a: { b: 1, c: 2 } },
    overlay: { a: { c: 3, d: 4 } },
    want: { a: { b: 1, c: 3, d: 4 } },
  },
  { name: 'arrays replace', base: { l: [1, 2, 3] }, overlay: { l: [9] }, want: { l: [9] } },
  { name: 'scalars replace', base: { s: 'a' }, overlay: { s: 'b' }, want: { s: 'b' } },
  { name: 'mapping replaces scalar', base: { s: 'a' }, overlay: { s: { x: 1 } }, want: { s: { x: 1 } } },
  { name: 'scalar replaces mapping', base: { s: { x: 1 } }, overlay: { s: 2 }, want: { s: 2 } },
  { name: 'undefined overlay keeps base', base: { a: 1 }, overlay: undefined, want: { a: 1 } },
  { name: 'null kept for helm values', base: { a: { b: 1 } }, overlay: { a: null }, want: { a: null } },
  { name: 'null deletes in spec overlays', base: { a: 1, b: 2 }, overlay: { a: null }, mode: 'delete', want: { b: 2 } },
];

for (const c of merges) {
  test(`deepMerge: ${c.name}`, () => {
    const base = structuredClone(c.base);
    assert.deepEqual(deepMerge(c.base, c.overlay, c.mode), c.want);
    assert.deepEqual(c.base, base, 'base untouched');
  });
}

test('deepMerge: result shares no structure with its inputs', () => {
  const base = { a: { l: [1] } };
  const out = deepMerge(base, {}) as { a: { l: number[] } };
  out.a.l.push(2);
  assert.deepEqual(base, { a: { l: [1] } });
});

const durations: [string, number][] = [
  ['30s', 30],
  ['5m', 300],
  ['1h30m', 5400],
  ['1.5h', 5400],
  ['500ms', 0.5],
  ['87600h', 315360000],
];
for (const [text, seconds] of durations) {
  test(`parseDuration: ${text}`, () => assert.equal(parseDuration(text), seconds));
}
test('parseDuration: rejects junk', () => {
  for (const bad of ['', '5', 'm5', '5x', '5m junk']) {
    assert.throws(
      () => parseDuration(bad),
      (e: unknown) => e instanceof ConvoyError && e.code === 'E_SCHEMA',
      bad,
    );
  }
});
