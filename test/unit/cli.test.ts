/** The CLI surface: help on every verb, exit codes, usage errors, graph of the PanDA example. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli.ts';

const panda = new URL('../../examples/panda', import.meta.url).pathname;

for (const verb of ['validate', 'render', 'graph']) {
  test(`convoy ${verb} --help teaches: summary, selection flags and examples`, async () => {
    const r = await runCli([verb, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: convoy/);
    assert.match(r.stdout, /--environment/);
    assert.match(r.stdout, /Examples:/);
  });
}

test('convoy --help lists the verbs and the exit codes', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  for (const verb of ['validate', 'render', 'graph']) assert.match(r.stdout, new RegExp(`\\b${verb}\\b`));
  assert.match(r.stdout, /2 bad input/);
});

const usageCases: { name: string; argv: string[]; stderr: RegExp }[] = [
  { name: 'unknown verb', argv: ['deploy-all'], stderr: /unknown command/ },
  { name: 'unknown flag', argv: ['graph', panda, '--fromat', 'dot'], stderr: /unknown option/ },
  {
    name: 'bad graph format',
    argv: ['graph', panda, '--format', 'png'],
    stderr: /--format must be one of text, mermaid, dot, json/,
  },
  {
    name: '--with-needs without --only',
    argv: ['graph', panda, '--with-needs'],
    stderr: /only applies together with --only/,
  },
  {
    name: '--with-needs and --skip-needs',
    argv: ['graph', panda, '--only', 'panda', '--with-needs', '--skip-needs'],
    stderr: /cannot be used together/,
  },
  {
    name: 'bad concurrency',
    argv: ['render', panda, '--concurrency', '0'],
    stderr: /--concurrency must be a positive integer/,
  },
  { name: 'unknown environment', argv: ['graph', panda, '-e', 'lst'], stderr: /lsst/ },
  { name: 'missing stack file', argv: ['validate', '/nonexistent/convoy.yaml'], stderr: /nonexistent/ },
];
for (const c of usageCases) {
  test(`usage error exits 2: ${c.name}`, async () => {
    const r = await runCli(c.argv);
    assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
    assert.match(r.stderr, c.stderr);
    assert.equal(r.stdout, '', 'nothing on stdout');
  });
}

test('convoy graph examples/panda: msgsvc and iam first, then panda, then harvester, idds and bigmon', async () => {
  const r = await runCli(['graph', panda, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { waves: string[][] };
  assert.deepEqual(plan.waves, [['iam', 'msgsvc'], ['panda'], ['bigmon', 'harvester', 'idds']]);
});

test('sphenix runs without iam', async () => {
  const r = await runCli(['graph', panda, '-e', 'sphenix', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { waves: string[][] };
  assert.deepEqual(plan.waves, [['msgsvc'], ['panda'], ['bigmon', 'harvester', 'idds']]);
});
