import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { resolve } from '../../src/resolve/index.ts';
import type { ResolveOptions } from '../../src/resolve/types.ts';
import { PANDA_SPEC, pandaStack } from './support/panda.ts';

const stack = pandaStack();
const ALL = ['bigmon', 'harvester', 'iam', 'idds', 'msgsvc', 'panda'];

/** name → needs (and `!skipped` entries) for compact expectations. */
function summary(options: ResolveOptions): Record<string, string> {
  const r = resolve(stack, { env: {}, ...options });
  return Object.fromEntries(
    r.components.map((c) => [c.name, [...c.needs, ...c.skippedNeeds.map((s) => `!${s}`)].join(',')]),
  );
}

const cases: { name: string; options: ResolveOptions; want: Record<string, string> }[] = [
  {
    name: 'everything, no flags',
    options: {},
    want: {
      bigmon: 'iam,panda',
      harvester: 'iam,msgsvc,panda',
      iam: '',
      idds: 'iam,msgsvc,panda',
      msgsvc: '',
      panda: 'iam,msgsvc',
    },
  },
  {
    name: 'sphenix deploys without iam: needs on iam are skipped',
    options: { environment: 'sphenix' },
    want: {
      bigmon: 'panda,!iam',
      harvester: 'msgsvc,panda,!iam',
      idds: 'msgsvc,panda,!iam',
      msgsvc: '',
      panda: 'msgsvc,!iam',
    },
  },
  {
    name: '--disable iam (PanDA -d iam) without --only: needs skipped',
    options: { disable: ['iam'] },
    want: {
      bigmon: 'panda,!iam',
      harvester: 'msgsvc,panda,!iam',
      idds: 'msgsvc,panda,!iam',
      msgsvc: '',
      panda: 'msgsvc,!iam',
    },
  },
  {
    name: '--only panda --with-needs',
    options: { only: ['panda'] },
    want: { iam: '', msgsvc: '', panda: 'iam,msgsvc' },
  },
  {
    name: '--only panda, withNeeds explicit',
    options: { only: ['panda'], withNeeds: true },
    want: { iam: '', msgsvc: '', panda: 'iam,msgsvc' },
  },
  {
    name: '--only panda --skip-needs',
    options: { only: ['panda'], withNeeds: false },
    want: { panda: '!iam,!msgsvc' },
  },
  {
    name: 'PanDA -c msgsvc = --only msgsvc --skip-needs',
    options: { only: ['msgsvc'], withNeeds: false },
    want: { msgsvc: '' },
  },
  {
    name: '--only bigmon,idds with needs',
    options: { only: ['bigmon,idds'] },
    want: { bigmon: 'iam,panda', iam: '', idds: 'iam,msgsvc,panda', msgsvc: '', panda: 'iam,msgsvc' },
  },
  {
    name: 'sphenix --only harvester: the environment defines the system, iam skipped',
    options: { environment: 'sphenix', only: ['harvester'] },
    want: { harvester: 'msgsvc,panda,!iam', msgsvc: '', panda: 'msgsvc,!iam' },
  },
  {
    name: '--enable brings back what the environment disabled',
    options: { environment: 'sphenix', enable: ['iam'] },
    want: {
      bigmon: 'iam,panda',
      harvester: 'iam,msgsvc,panda',
      iam: '',
      idds: 'iam,msgsvc,panda',
      msgsvc: '',
      panda: 'iam,msgsvc',
    },
  },
  {
    name: '--only implies --enable (sphenix --only iam)',
    options: { environment: 'sphenix', only: ['iam'] },
    want: { iam: '' },
  },
  {
    name: '--disable a leaf',
    options: { disable: ['bigmon', 'idds'] },
    want: { harvester: 'iam,msgsvc,panda', iam: '', msgsvc: '', panda: 'iam,msgsvc' },
  },
];

for (const c of cases) {
  test(`selection: ${c.name}`, () => assert.deepEqual(summary(c.options), c.want));
}

test('selection: output is sorted by name', () => {
  assert.deepEqual(
    resolve(stack, { env: {} }).components.map((c) => c.name),
    ALL,
  );
});

const defaultOff = pandaStack(
  PANDA_SPEC.replace(
    '  iam:\n    helm: {chart: ./charts/iam}',
    '  iam:\n    enabled: false\n    helm: {chart: ./charts/iam}',
  ),
);

test('selection: enabled: false is out, and needs on it are skipped', () => {
  const r = resolve(defaultOff, { env: {} });
  assert.equal(
    r.components.find((c) => c.name === 'iam'),
    undefined,
  );
  assert.deepEqual(r.components.find((c) => c.name === 'panda')?.skippedNeeds, ['iam']);
});

test('selection: --enable turns on a disabled-by-default component', () => {
  const r = resolve(defaultOff, { env: {}, enable: ['iam'] });
  assert.ok(r.components.some((c) => c.name === 'iam'));
  assert.deepEqual(r.components.find((c) => c.name === 'panda')?.needs, ['iam', 'msgsvc']);
});

test('selection: environment enable turns on a disabled-by-default component', () => {
  const s = pandaStack(
    PANDA_SPEC.replace(
      '  iam:\n    helm: {chart: ./charts/iam}',
      '  iam:\n    enabled: false\n    helm: {chart: ./charts/iam}',
    ).replace('  sphenix:\n    disable: [iam]', '  sphenix:\n    disable: [iam]\n  withiam:\n    enable: [iam]'),
  );
  assert.ok(resolve(s, { env: {}, environment: 'withiam' }).components.some((c) => c.name === 'iam'));
});

test('selection: --disable panda.jedi sets jedi.enabled=false over the inline values', () => {
  const r = resolve(stack, { env: {}, environment: 'lsst', disable: ['panda.jedi'] });
  const panda = r.components.find((c) => c.name === 'panda');
  assert.ok(panda?.source.kind === 'helm');
  assert.deepEqual(panda.disabledSubcomponents, ['jedi']);
  assert.deepEqual(panda.source.inlineValues['jedi'], { replicas: 2, image: 'jedi:1', enabled: false });
});

test('selection: --disable idds.daemon drops the native workload', () => {
  const r = resolve(stack, { env: {}, disable: ['idds.daemon'] });
  const idds = r.components.find((c) => c.name === 'idds');
  assert.ok(idds?.source.kind === 'native');
  assert.deepEqual(Object.keys(idds.source.workloads), ['rest']);
  assert.deepEqual(idds.disabledSubcomponents, ['daemon']);
});

test('selection: --enable panda.jedi undoes an environment disable of the sub-component', () => {
  const s = pandaStack(
    PANDA_SPEC.replace('  sphenix:\n    disable: [iam]', '  sphenix:\n    disable: [iam, panda.jedi]'),
  );
  const jedi = (options: ResolveOptions) => {
    const panda = resolve(s, { env: {}, environment: 'sphenix', ...options }).components.find(
      (c) => c.name === 'panda',
    );
    return panda?.disabledSubcomponents;
  };
  assert.deepEqual(jedi({}), ['jedi']);
  assert.deepEqual(jedi({ enable: ['panda.jedi'] }), []);
});

const errors: { name: string; options: ResolveOptions; code: string; message: RegExp; fix?: RegExp }[] = [
  {
    name: '--only panda --disable iam with needs',
    options: { only: ['panda'], disable: ['iam'] },
    code: 'E_SELECTION',
    message: /^panda needs iam, which --disable removed$/,
    fix: /--skip-needs/,
  },
  {
    name: 'unknown component in --enable',
    options: { enable: ['pnada'] },
    code: 'E_SELECTION',
    message: /--enable: "pnada" names no component/,
    fix: /did you mean "panda"/,
  },
  {
    name: 'unknown component in --only',
    options: { only: ['harvestr'] },
    code: 'E_SELECTION',
    message: /--only/,
    fix: /did you mean "harvester"/,
  },
  {
    name: 'unknown sub-component',
    options: { disable: ['panda.jedy'] },
    code: 'E_SELECTION',
    message: /component "panda" has no sub-component "jedy"/,
    fix: /did you mean "jedi"/,
  },
  {
    name: 'sub-component of a component without any',
    options: { disable: ['iam.x'] },
    code: 'E_SELECTION',
    message: /"iam" has no sub-component "x"/,
  },
  { name: 'too many dots', options: { disable: ['panda.jedi.x'] }, code: 'E_SELECTION', message: /names no component/ },
  {
    name: 'enable and disable the same',
    options: { enable: ['iam'], disable: ['iam'] },
    code: 'E_USAGE',
    message: /"iam" is in both --enable and --disable/,
  },
  {
    name: 'only and disable the same',
    options: { only: ['iam'], disable: ['iam'] },
    code: 'E_USAGE',
    message: /both --only and --disable/,
  },
  {
    name: 'sub-component in --only',
    options: { only: ['panda.jedi'] },
    code: 'E_USAGE',
    message: /--only takes components/,
  },
  {
    name: 'unknown environment',
    options: { environment: 'lsts' },
    code: 'E_SELECTION',
    message: /environment "lsts" is not in the stack/,
    fix: /did you mean "lsst"/,
  },
];

for (const c of errors) {
  test(`selection error: ${c.name}`, () => {
    assert.throws(
      () => resolve(stack, { env: {}, ...c.options }),
      (e: unknown) => {
        assert.ok(e instanceof ConvoyError);
        assert.equal(e.code, c.code);
        assert.match(e.message, c.message);
        if (c.fix) assert.match(e.fix ?? '', c.fix);
        return true;
      },
    );
  });
}

test('selection error: unknown environment lists the known ones', () => {
  assert.throws(
    () => resolve(stack, { environment: 'x' }),
    (e: unknown) => e instanceof ConvoyError && e.expected === 'one of: lsst, sphenix',
  );
});

test('selection error: an environment disable naming nothing is positioned in the environment', () => {
  const s = pandaStack(PANDA_SPEC.replace('disable: [iam]', 'disable: [iem]'));
  assert.throws(
    () => resolve(s, { environment: 'sphenix', env: {} }),
    (e: unknown) =>
      e instanceof ConvoyError &&
      e.code === 'E_SELECTION' &&
      /environment "sphenix" disable: "iem"/.test(e.message) &&
      e.position?.line === 16,
  );
});
