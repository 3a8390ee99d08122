/**
 * The small pieces behind stack error messages: DNS-1123 names, chart references, the
 * zod schema walker and its words, cron schedules, and the YAML source map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineCounter, parseDocument } from 'yaml';
import { chartKind } from '../../src/stack/chart-ref.ts';
import { validCron } from '../../src/stack/checks/workloads.ts';
import { applyAffix } from '../../src/stack/checks/duplicates.ts';
import { fieldSubject, describeValue } from '../../src/stack/describe.ts';
import { isDns1123Label, suggestDns1123Label, whyNotDns1123 } from '../../src/stack/dns-name.ts';
import { Component, HelmSource, Stack, Workload } from '../../src/stack/schema.ts';
import { describeSchema } from '../../src/stack/schema-describe.ts';
import { objectKeys, schemaAt } from '../../src/stack/schema-walk.ts';
import { yamlSourceMap } from '../../src/stack/source-map.ts';

test('DNS-1123: validity, reasons and the nearest valid name', () => {
  const cases: [string, boolean, string, string][] = [
    ['panda', true, '', 'panda'],
    ['Panda_Server', false, "it contains uppercase letters and '_'", 'panda-server'],
    ['-edge-', false, 'it must start and end with a letter or digit', 'edge'],
    ['a.b c', false, "it contains '.', spaces", 'a-b-c'],
    ['', false, 'it is empty', 'x'],
    ['x'.repeat(64), false, 'it is 64 characters long (at most 63)', 'x'.repeat(63)],
  ];
  for (const [name, valid, why, suggestion] of cases) {
    assert.equal(isDns1123Label(name), valid, name);
    assert.equal(whyNotDns1123(name), why, name);
    assert.equal(suggestDns1123Label(name), suggestion, name);
  }
});

test('chart references: local, repository, OCI, repo alias', () => {
  const dir = new URL('../fixtures/stacks/helm/', import.meta.url).pathname;
  const cases: [{ chart: string; repo?: string }, string][] = [
    [{ chart: './charts/hello' }, 'local'],
    [{ chart: '../x' }, 'local'],
    [{ chart: '/abs/chart' }, 'local'],
    [{ chart: 'mychart' }, 'local'],
    [{ chart: 'charts/hello' }, 'local'], // charts/ exists next to the stack
    [{ chart: 'bitnami/postgresql' }, 'repo-alias'], // no bitnami/ directory: a `helm repo add` alias
    [{ chart: 'activemq', repo: 'https://charts.example.com' }, 'repo'],
    [{ chart: 'oci://ghcr.io/org/chart' }, 'oci'],
  ];
  for (const [helm, kind] of cases) assert.equal(chartKind(helm, dir), kind, helm.chart);
});

test('the schema walker finds sub-schemas and allowed keys by document path', () => {
  assert.deepEqual(objectKeys(schemaAt(Stack, ['spec', 'components', 'any'])), Object.keys(Component.shape));
  assert.deepEqual(objectKeys(schemaAt(Stack, ['spec', 'components', 'x', 'helm'])), Object.keys(HelmSource.shape));
  const workload = schemaAt(Stack, ['spec', 'components', 'x', 'native', 'workloads', 'w']);
  assert.deepEqual(objectKeys(workload), Object.keys(Workload.shape));
  // Through a union (Port: number | {port, …}) and an array.
  const port = schemaAt(Stack, ['spec', 'components', 'x', 'native', 'workloads', 'w', 'ports', 0, 'port']);
  assert.equal(port && describeSchema(port), 'a whole number from 1 to 65535');
  assert.equal(schemaAt(Stack, ['spec', 'nope']), undefined);
});

test('schemas and values in words', () => {
  const words = (path: (string | number)[]) => {
    const s = schemaAt(Stack, path);
    assert.ok(s, path.join('.'));
    return describeSchema(s);
  };
  const c = ['spec', 'components', 'x'];
  assert.equal(words([...c, 'needs']), 'a list of component names');
  assert.equal(words([...c, 'enabled']), 'true or false');
  assert.equal(words([...c, 'native', 'workloads', 'w', 'kind']), 'one of Deployment, StatefulSet, Job, CronJob');
  assert.equal(words([...c, 'native', 'workloads', 'w', 'replicas']), 'a whole number of at least 0');
  assert.equal(words([...c, 'native', 'workloads', 'w', 'command']), 'a list of strings');
  assert.equal(words(['apiVersion']), '"convoy.dev/v1alpha1"');
  assert.equal(describeValue('db'), 'the string "db"');
  assert.equal(describeValue(1.1, '1.10'), 'the number 1.10');
  assert.equal(describeValue(null), 'an empty value');
  assert.equal(describeValue([]), 'an empty list');
  assert.equal(describeValue({}), 'a mapping');
});

test('paths in words name the component, workload or environment', () => {
  assert.equal(fieldSubject(['spec', 'components', 'panda', 'needs']), '"needs" of component "panda"');
  assert.equal(
    fieldSubject(['spec', 'components', 'idds', 'native', 'workloads', 'rest', 'ports', 0]),
    '"ports[0]" of workload "rest" of component "idds"',
  );
  assert.equal(fieldSubject(['spec', 'environments', 'lsst', 'affix']), '"affix" of environment "lsst"');
  assert.equal(fieldSubject(['spec', 'namespace']), '"spec.namespace"');
});

test('cron schedules: five fields or a macro', () => {
  for (const ok of ['*/5 * * * *', '0 3 * * 1-5', '@daily', '@every 1h', '0 0 1 JAN ?']) assert.ok(validCron(ok), ok);
  for (const bad of ['* * *', 'every 5 minutes', '@sometimes', '']) assert.ok(!validCron(bad), bad);
});

test('affixes: a prefix ends in -, a suffix starts with -', () => {
  assert.equal(applyAffix('panda', 'test-'), 'test-panda');
  assert.equal(applyAffix('panda', '-dev'), 'panda-dev');
  assert.equal(applyAffix('panda', undefined), 'panda');
});

test('the source map locates keys and values, following aliases and falling back', () => {
  const text = 'a:\n  b: &x\n    c: 1\n  d: *x\n  e:\n';
  const lineCounter = new LineCounter();
  const map = yamlSourceMap(parseDocument(text, { lineCounter }), lineCounter, 'f.yaml', text);
  assert.deepEqual(map.valueOf(['a', 'b', 'c']), { file: 'f.yaml', line: 3, column: 8 });
  assert.deepEqual(map.keyOf(['a', 'b', 'c']), { file: 'f.yaml', line: 3, column: 5 });
  assert.deepEqual(map.valueOf(['a', 'd', 'c']), { file: 'f.yaml', line: 3, column: 8 });
  assert.deepEqual(map.keyOf(['a', 'e']), { file: 'f.yaml', line: 5, column: 3 });
  assert.equal(map.valueOf(['a', 'b', 'missing']).line, 3);
  assert.equal(map.textOf(['a', 'b', 'c']), '1');
  assert.deepEqual(map.valueOf([]), { file: 'f.yaml', line: 1, column: 1 });
});
