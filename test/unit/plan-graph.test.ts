import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { computeWaves, reverseWaves, transitiveNeeds, type GraphNode } from '../../src/plan/graph.ts';

/** Builds nodes from `{a: [needs...]}`. */
function g(spec: Record<string, string[]>): GraphNode[] {
  return Object.entries(spec).map(([name, needs]) => ({ name, needs }));
}

const pos = (component: string, index: number) => ({ file: 'convoy.yaml', line: index + 1, column: component.length });

const ok: { name: string; nodes: Record<string, string[]>; waves: string[][] }[] = [
  { name: 'empty', nodes: {}, waves: [] },
  { name: 'single', nodes: { a: [] }, waves: [['a']] },
  { name: 'chain', nodes: { c: ['b'], b: ['a'], a: [] }, waves: [['a'], ['b'], ['c']] },
  { name: 'diamond', nodes: { d: ['b', 'c'], c: ['a'], b: ['a'], a: [] }, waves: [['a'], ['b', 'c'], ['d']] },
  { name: 'independent', nodes: { z: [], m: [], a: [] }, waves: [['a', 'm', 'z']] },
  { name: 'duplicate need counts once', nodes: { b: ['a', 'a'], a: [] }, waves: [['a'], ['b']] },
  {
    name: 'panda-shaped',
    nodes: { bigmon: ['panda'], harvester: ['panda'], idds: ['panda'], panda: ['msgsvc', 'iam'], msgsvc: [], iam: [] },
    waves: [['iam', 'msgsvc'], ['panda'], ['bigmon', 'harvester', 'idds']],
  },
  { name: 'uneven depths', nodes: { c: ['a', 'b'], b: ['a'], a: [], x: [] }, waves: [['a', 'x'], ['b'], ['c']] },
];

for (const c of ok) {
  test(`computeWaves: ${c.name}`, () => {
    assert.deepEqual(computeWaves(g(c.nodes)), c.waves);
    assert.deepEqual(computeWaves(g(c.nodes).reverse()), c.waves, 'input order does not matter');
  });
}

const bad: {
  name: string;
  nodes: Record<string, string[]>;
  code: string;
  message: string;
  position?: { file: string; line: number; column: number };
  fix?: RegExp;
}[] = [
  {
    name: 'unknown need with typo hint',
    nodes: { panda: ['iam', 'msgsv'], msgsvc: [], iam: [] },
    code: 'E_NEEDS',
    message: 'component "panda" needs "msgsv", which is not in the stack',
    position: { file: 'convoy.yaml', line: 2, column: 5 },
    fix: /^did you mean "msgsvc"\? /,
  },
  {
    name: 'unknown need without hint',
    nodes: { a: ['zzzzzz'] },
    code: 'E_NEEDS',
    message: 'component "a" needs "zzzzzz", which is not in the stack',
    fix: /^Perhaps you made a typo/,
  },
  {
    name: 'self-cycle',
    nodes: { a: ['a'] },
    code: 'E_CYCLE',
    message: 'dependency cycle: a → a',
    position: { file: 'convoy.yaml', line: 1, column: 1 },
  },
  {
    name: '2-cycle',
    nodes: { b: ['a'], a: ['b'] },
    code: 'E_CYCLE',
    message: 'dependency cycle: a → b → a',
    position: { file: 'convoy.yaml', line: 1, column: 1 },
  },
  {
    name: '3-cycle path text',
    nodes: { c: ['x', 'a'], b: ['c'], a: ['b'], x: [] },
    code: 'E_CYCLE',
    message: 'dependency cycle: a → b → c → a',
    position: { file: 'convoy.yaml', line: 2, column: 1 },
    fix: /"a" from the needs of "c"/,
  },
  {
    name: 'cycle reached through a tail starts at smallest name',
    nodes: { a: ['m'], m: ['n'], n: ['m'] },
    code: 'E_CYCLE',
    message: 'dependency cycle: m → n → m',
  },
];

for (const c of bad) {
  test(`computeWaves error: ${c.name}`, () => {
    assert.throws(
      () => computeWaves(g(c.nodes), pos),
      (err: unknown) => {
        assert.ok(err instanceof ConvoyError);
        assert.equal(err.code, c.code);
        assert.equal(err.message, c.message);
        if (c.position) assert.deepEqual(err.position, c.position);
        if (c.fix) assert.match(err.fix ?? '', c.fix);
        return true;
      },
    );
  });
}

test('computeWaves: no position callback leaves position undefined', () => {
  assert.throws(
    () => computeWaves(g({ a: ['b'] })),
    (err: unknown) => err instanceof ConvoyError && err.position === undefined,
  );
});

test('reverseWaves: delete order, input untouched', () => {
  const waves = [['a'], ['b', 'c'], ['d']];
  assert.deepEqual(reverseWaves(waves), [['d'], ['b', 'c'], ['a']]);
  assert.deepEqual(waves, [['a'], ['b', 'c'], ['d']]);
});

test('transitiveNeeds: roots plus needs, sorted', () => {
  const nodes = g({ bigmon: ['panda'], panda: ['msgsvc', 'iam'], msgsvc: [], iam: [], idds: ['panda'] });
  assert.deepEqual(transitiveNeeds(nodes, ['panda']), ['iam', 'msgsvc', 'panda']);
  assert.deepEqual(transitiveNeeds(nodes, ['bigmon', 'idds']), ['bigmon', 'iam', 'idds', 'msgsvc', 'panda']);
  assert.deepEqual(transitiveNeeds(nodes, []), []);
  assert.deepEqual(transitiveNeeds(g({ a: ['b'], b: ['a'] }), ['a']), ['a', 'b'], 'cycles terminate');
});

test('transitiveNeeds: unknown root', () => {
  assert.throws(
    () => transitiveNeeds(g({ panda: [] }), ['pnada']),
    (err: unknown) =>
      err instanceof ConvoyError && err.code === 'E_SELECTION' && /did you mean "panda"/.test(err.fix ?? ''),
  );
});
