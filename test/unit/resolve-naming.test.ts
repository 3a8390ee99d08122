import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { applyAffix } from '../../src/resolve/affix.ts';
import { resolve } from '../../src/resolve/index.ts';
import { PANDA_SPEC, pandaStack } from './support/panda.ts';

const affixes: [string | undefined, string][] = [
  [undefined, 'panda'],
  ['', 'panda'],
  ['test-', 'test-panda'],
  ['-dev', 'panda-dev'],
  ['a-b-', 'a-b-panda'],
];
for (const [affix, want] of affixes) {
  test(`applyAffix: ${String(affix)}`, () => assert.equal(applyAffix('panda', affix), want));
}

const stack = pandaStack();
const names = (options: Parameters<typeof resolve>[1]) =>
  resolve(stack, { env: {}, ...options }).components.map((c) => c.instanceName);

test('affix: the stack affix applies to every instance', () => {
  assert.deepEqual(names({ only: ['panda'] }), ['test-iam', 'test-msgsvc', 'test-panda']);
});

test('affix: --affix wins over the stack (suffix)', () => {
  const r = resolve(stack, { env: {}, only: ['msgsvc'], affix: '-dev' });
  assert.equal(r.affix, '-dev');
  assert.deepEqual(
    r.components.map((c) => c.instanceName),
    ['msgsvc-dev'],
  );
});

test('affix: an environment affix wins over the stack, the flag over both', () => {
  const s = pandaStack(PANDA_SPEC.replace('    namespace: panda-lsst', '    namespace: panda-lsst\n    affix: lsst-'));
  assert.equal(
    resolve(s, { env: {}, environment: 'lsst', only: ['msgsvc'] }).components[0]?.instanceName,
    'lsst-msgsvc',
  );
  assert.equal(
    resolve(s, { env: {}, environment: 'lsst', only: ['msgsvc'], affix: 'x-' }).components[0]?.instanceName,
    'x-msgsvc',
  );
});

test('affix: a malformed --affix is E_USAGE', () => {
  assert.throws(
    () => resolve(stack, { env: {}, affix: 'test' }),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_USAGE' && /"test-"/.test(e.fix ?? ''),
  );
});

test('affix: instance names longer than 53 characters are E_NAME', () => {
  const long = 'a'.repeat(50);
  const s = pandaStack(`affix: test-\ncomponents:\n  ${long}: {helm: {chart: ./charts/panda}}\n`);
  assert.throws(
    () => resolve(s, { env: {} }),
    (e: unknown) =>
      e instanceof ConvoyError &&
      e.code === 'E_NAME' &&
      /is 55 characters long/.test(e.message) &&
      e.position?.line === 7,
  );
  assert.equal(resolve(s, { env: {}, affix: '-x' }).components[0]?.instanceName, `${long}-x`);
});

test('affix: an explicit helm releaseName is kept but checked', () => {
  const s = pandaStack(
    `affix: test-\ncomponents:\n  a: {helm: {chart: ./charts/panda, releaseName: ${'r'.repeat(60)}}}\n`,
  );
  assert.throws(
    () => resolve(s, { env: {} }),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_NAME',
  );
});

test('timeout: default 300 s, durations converted', () => {
  const s = pandaStack(`components:
  a: {helm: {chart: ./charts/panda}}
  b: {timeout: 90s, helm: {chart: ./charts/panda}}
  c: {timeout: 1h30m, helm: {chart: ./charts/panda}}
`);
  assert.deepEqual(
    resolve(s, { env: {} }).components.map((c) => c.timeoutSeconds),
    [300, 90, 5400],
  );
});
