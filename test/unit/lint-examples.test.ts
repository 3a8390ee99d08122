/**
 * `convoy lint` on every example in every environment: no error-level findings except the
 * documented ones — panda and orchestrate use Secrets made outside the stack (panda's by the
 * panda-secrets stack, orchestrate's by hand) without listing them in spec.external (CV007).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lint } from '../../src/lint/index.ts';
import { renderWithSecrets } from '../../src/apply/render-with-secrets.ts';
import { resolve } from '../../src/resolve/index.ts';
import { loadStack } from '../../src/stack/load.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

/** Error findings that are known and explained (example → check ids). */
const DOCUMENTED: Record<string, string[]> = { panda: ['CV007'], orchestrate: ['CV007'] };

for (const dir of readdirSync(EXAMPLES).sort()) {
  if (!existsSync(join(EXAMPLES, dir, 'convoy.yaml'))) continue;
  test(`lint examples: ${dir} has no undocumented error findings`, async () => {
    const stack = await loadStack(join(EXAMPLES, dir));
    for (const environment of [undefined, ...Object.keys(stack.spec.spec.environments ?? {})]) {
      const resolved = resolve(stack, { environment, env: {} });
      const found = lint(await renderWithSecrets(stack, resolved, { env: {}, render: { cacheDir: null } }), resolved);
      const errors = found.filter((f) => f.severity === 'error' && !(DOCUMENTED[dir] ?? []).includes(f.id));
      assert.deepEqual(
        errors.map((f) => `${f.id} ${f.object}: ${f.message}`),
        [],
        `${dir}${environment ? ` -e ${environment}` : ''}`,
      );
    }
  });
}
