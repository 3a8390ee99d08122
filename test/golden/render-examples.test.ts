/**
 * `convoy render` of every example in every environment: byte-identical run to run and
 * equal to the golden file test/golden/render/<example>/<environment>.yaml.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { runCli } from '../support/cli.ts';
import { assertGolden } from '../support/golden.ts';

const root = new URL('../../', import.meta.url).pathname;
const examplesDir = join(root, 'examples');
const examples = readdirSync(examplesDir).filter((d) => existsSync(join(examplesDir, d, 'convoy.yaml')));

// Fixed environment so ${env.X} references and the cache location do not depend on the machine.
const env: Record<string, string | undefined> = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  CONVOY_CACHE: mkdtempSync(join(tmpdir(), 'convoy-golden-')),
};

for (const example of examples) {
  const dir = join(examplesDir, example);
  const doc = parse(readFileSync(join(dir, 'convoy.yaml'), 'utf8')) as { spec?: { environments?: object } };
  const environments = [undefined, ...Object.keys(doc.spec?.environments ?? {}).sort()];
  for (const environment of environments) {
    test(`render ${example}${environment ? ` -e ${environment}` : ''} is deterministic and matches its golden file`, async () => {
      const argv = ['render', dir, ...(environment ? ['-e', environment] : [])];
      const first = await runCli(argv, env);
      assert.equal(first.code, 0, first.stderr);
      const second = await runCli([...argv, '--no-cache'], env);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, first.stdout, 'render output differs between two runs');
      await assertGolden(join(root, 'test/golden/render', example, `${environment ?? '_no-environment'}.yaml`), first.stdout);
    });
  }
}
