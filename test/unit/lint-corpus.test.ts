/**
 * The lint corpus (test/fixtures/lint/cv*): each stack of deliberately bad manifests triggers
 * its check — with the id, severity and a fix — and no other; `convoy lint` exits 1 at or
 * above --fail-on and prints `severity id object: message` + `  fix:` lines.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runLint } from '../../src/cli/commands/lint.ts';
import type { Io } from '../../src/cli/io.ts';
import { CHECKS, lint } from '../../src/lint/index.ts';
import { render } from '../../src/render/index.ts';
import { resolve } from '../../src/resolve/index.ts';
import { loadStack } from '../../src/stack/load.ts';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'lint');

async function findings(dir: string) {
  const resolved = resolve(await loadStack(join(CORPUS, dir)), { env: {} });
  return lint(await render(resolved, { cacheDir: null }), resolved);
}

function io(): Io & { text: string } {
  const o = {
    text: '',
    out(s: string) {
      o.text += s;
    },
    err() {},
    isTTY: false,
    env: {},
    cwd: process.cwd(),
  };
  return o;
}

const cases = readdirSync(CORPUS)
  .filter((d) => /^cv\d{3}/.test(d))
  .sort();

test('lint corpus: every check has a case', () => {
  const covered = new Set(cases.flatMap((d) => d.match(/cv\d{3}/g) ?? []).map((id) => id.toUpperCase()));
  assert.deepEqual(
    CHECKS.map((c) => c.id).filter((id) => !covered.has(id)),
    [],
  );
  assert.equal(new Set(CHECKS.map((c) => c.id)).size, CHECKS.length, 'ids are unique');
});

for (const dir of cases) {
  const expected = (dir.match(/cv\d{3}/g) ?? []).map((id) => id.toUpperCase());
  test(`lint corpus: ${dir} → ${expected.join(', ')}`, async () => {
    const found = await findings(dir);
    assert.deepEqual([...new Set(found.map((f) => f.id))].sort(), expected);
    for (const f of found) {
      const check = CHECKS.find((c) => c.id === f.id);
      assert.equal(f.severity, check?.severity);
      assert.ok(f.fix.length > 10, `${f.id} has a fix`);
      assert.ok(f.object && f.component && f.message);
    }
  });
}

test('lint: the Halo-shaped stack with generated policies has no findings', async () => {
  assert.deepEqual(await findings('halo-netpol'), []);
});

test('lint CLI: text output, --fail-on and exit codes', async () => {
  const base = { resolve: { env: {} }, output: 'text' as const };
  let out = io();
  assert.equal(await runLint(out, { ...base, stack: join(CORPUS, 'cv004-image-latest'), failOn: 'error' }), 1);
  assert.match(
    out.text,
    /^error CV004 Deployment lint\/app: image "registry.example\/app:latest" is not pinned\n {2}fix: .+\n/,
  );
  out = io();
  assert.equal(await runLint(out, { ...base, stack: join(CORPUS, 'cv001-probes'), failOn: 'error' }), 0);
  out = io();
  assert.equal(await runLint(out, { ...base, stack: join(CORPUS, 'cv001-probes'), failOn: 'warning' }), 1);
  out = io();
  await runLint(out, { ...base, output: 'json', stack: join(CORPUS, 'cv001-probes'), failOn: 'error' });
  const json = JSON.parse(out.text) as { findings: { id: string }[] };
  assert.deepEqual(
    json.findings.map((f) => f.id),
    ['CV001'],
  );
});
