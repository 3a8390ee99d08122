import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { expandString, type ReferenceContext } from '../../src/resolve/references.ts';
import { resolve } from '../../src/resolve/index.ts';
import { pandaStack } from './support/panda.ts';

const ctx: ReferenceContext = {
  environment: 'lsst',
  env: { HOME: '/home/me', EMPTY: '' },
  vars: { domain: 'example.org', region: 'eu' },
  components: new Map([
    ['msgsvc', { instanceName: 'test-msgsvc', namespace: 'panda' }],
    ['panda', { instanceName: 'test-panda', namespace: 'panda-lsst' }],
  ]),
};
const noEnv: ReferenceContext = { ...ctx, environment: undefined };
const where = { position: { file: 'convoy.yaml', line: 3, column: 5 }, field: 'spec.components.panda.values.x' };

const ok: [string, string, ReferenceContext?][] = [
  ['plain text', 'plain text'],
  ['values-${environment}.yaml', 'values-lsst.yaml'],
  ['[${environment?}]', '[]', noEnv],
  ['${environment:-default}', 'default', noEnv],
  ['${env.HOME}/x', '/home/me/x'],
  ['${env.NOPE?}', ''],
  ['${env.NOPE:-info}', 'info'],
  ['${env.EMPTY:-info}', 'info'],
  ['[${env.EMPTY}]', '[]'],
  ['${vars.domain}', 'example.org'],
  ['${vars.nope:-x}', 'x'],
  ['${component.msgsvc.name}', 'test-msgsvc'],
  ['${component.panda.namespace}', 'panda-lsst'],
  ['${component.msgsvc.host}:61613', 'test-msgsvc.panda.svc.cluster.local:61613'],
  ['$${env.HOME}', '${env.HOME}'],
  ['a $${x} and ${vars.region}', 'a ${x} and eu'],
  ['$$ and $ alone', '$$ and $ alone'],
];
for (const [text, want, c] of ok) {
  test(`expandString: ${text}`, () => assert.equal(expandString(text, c ?? ctx, where), want));
}

const bad: { text: string; ctx?: ReferenceContext; message: string; fix: RegExp }[] = [
  {
    text: '${env.PANDA_DB}',
    message: '${env.PANDA_DB}: environment variable PANDA_DB is not set (in spec.components.panda.values.x)',
    fix: /^export PANDA_DB=\.\.\./,
  },
  {
    text: '${environment}',
    ctx: noEnv,
    message: '${environment}: no environment is chosen (in spec.components.panda.values.x)',
    fix: /Pass -e NAME/,
  },
  {
    text: '${vars.domian}',
    message: '${vars.domian}: variable "domian" is not defined (in spec.components.panda.values.x)',
    fix: /did you mean "domain"/,
  },
  {
    text: '${component.msgsv.host}',
    message: '${component.msgsv.host}: no component "msgsv" (in spec.components.panda.values.x)',
    fix: /did you mean "msgsvc"/,
  },
  {
    text: '${component.msgsvc.hots}',
    message: '${component.msgsvc.hots}: unknown field "hots" (in spec.components.panda.values.x)',
    fix: /did you mean "host"/,
  },
  { text: '${foo}', message: 'unknown reference ${foo} (in spec.components.panda.values.x)', fix: /\$\$\{/ },
  {
    text: '${env.HOME',
    message: 'unterminated reference in "${env.HOME" (in spec.components.panda.values.x)',
    fix: /Close/,
  },
];
for (const c of bad) {
  test(`expandString error: ${c.text}`, () => {
    assert.throws(
      () => expandString(c.text, c.ctx ?? ctx, where),
      (e: unknown) => {
        assert.ok(e instanceof ConvoyError);
        assert.equal(e.code, 'E_REFERENCE');
        assert.equal(e.message, c.message);
        assert.deepEqual(e.position, where.position);
        assert.match(e.fix ?? '', c.fix);
        return true;
      },
    );
  });
}

test('resolve: references expand in helm values and native env; component refs see the affix', () => {
  const r = resolve(pandaStack(), { env: {} });
  const panda = r.components.find((c) => c.name === 'panda');
  assert.ok(panda?.source.kind === 'helm');
  assert.deepEqual(panda.source.inlineValues['server'], {
    url: 'https://test-panda.panda.svc.cluster.local',
    broker: 'test-msgsvc.panda.svc.cluster.local:61613',
  });
  const idds = r.components.find((c) => c.name === 'idds');
  assert.ok(idds?.source.kind === 'native');
  assert.deepEqual(idds.source.workloads['rest']?.env, { DOMAIN: 'example.org' });
});

test('resolve: a component reference works when the target is not selected', () => {
  const r = resolve(pandaStack(), { env: {}, only: ['panda'], withNeeds: false });
  assert.deepEqual(
    r.components.map((c) => c.name),
    ['panda'],
  );
  const panda = r.components[0];
  assert.ok(panda?.source.kind === 'helm');
  assert.equal(
    (panda.source.inlineValues['server'] as { broker: string }).broker,
    'test-msgsvc.panda.svc.cluster.local:61613',
  );
});

test('resolve: missing env var is reported where the environment overlay wrote it', () => {
  const stack = pandaStack(
    `environments:
  lsst:
    values:
      panda: {db: "\${env.PANDA_DB_HOST}"}
components:
  panda:
    helm: {chart: ./charts/panda}
    values: {db: localhost}
`,
  );
  assert.throws(
    () => resolve(stack, { environment: 'lsst', env: {} }),
    (e: unknown) => {
      assert.ok(e instanceof ConvoyError);
      assert.equal(e.code, 'E_REFERENCE');
      assert.match(e.message, /PANDA_DB_HOST is not set \(in spec\.environments\.lsst\.values\.panda\.db\)/);
      assert.equal(e.position?.line, 8);
      assert.equal(e.fix?.startsWith('export PANDA_DB_HOST=...'), true);
      return true;
    },
  );
  const r = resolve(stack, { environment: 'lsst', env: { PANDA_DB_HOST: 'db.example.org' } });
  assert.ok(r.components[0]?.source.kind === 'helm');
  assert.deepEqual(r.components[0].source.inlineValues, { db: 'db.example.org' });
});

test('resolve: ${environment} without -e is an error outside optional values files', () => {
  const stack = pandaStack(`components:
  panda:
    helm: {chart: ./charts/panda, set: {experiment: "\${environment}"}}
`);
  assert.throws(
    () => resolve(stack, { env: {} }),
    (e: unknown) =>
      e instanceof ConvoyError &&
      e.code === 'E_REFERENCE' &&
      /spec\.components\.panda\.helm\.set\.experiment/.test(e.message),
  );
});

test('resolve: vars from the environment override the stack vars', () => {
  const stack = pandaStack(`vars: {domain: example.org, site: cern}
environments:
  lsst: {vars: {site: slac}}
components:
  panda:
    helm: {chart: ./charts/panda}
    values: {where: "\${vars.site}.\${vars.domain}"}
`);
  const get = (environment?: string) => {
    const c = resolve(stack, { environment, env: {} }).components[0];
    return c?.source.kind === 'helm' ? c.source.inlineValues['where'] : undefined;
  };
  assert.equal(get(), 'cern.example.org');
  assert.equal(get('lsst'), 'slac.example.org');
});
