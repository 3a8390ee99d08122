/**
 * The halo-duchy example's `certs-and-configs` Secret, built by convoy's `spec.secrets`
 * (files + the `all_root_certs.pem` bundle + `hashSuffix: true`) instead of Kustomize's
 * secretGenerator (issue 5, "Done when"): `convoy render examples/halo-duchy` names it
 * `certs-and-configs-<hash>` and every Deployment, CronJob and PodTemplate of the real example
 * refers to that name; in a copy of the example with one changed file the name changes, every
 * reference follows, and nothing else in the output changes.
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/objects/types.ts';
import { podReferences } from '../../../src/secrets/index.ts';
import { runCli } from '../../support/cli.ts';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const EXAMPLE = join(ROOT, 'examples', 'halo-duchy');
const HASHED = /^certs-and-configs-[a-z0-9]{10}$/;

const env: Record<string, string | undefined> = {
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  CONVOY_CACHE: mkdtempSync(join(tmpdir(), 'convoy-halo-example-')),
};

async function renderExample(dir: string): Promise<{ text: string; objects: KubeObject[] }> {
  const out = await runCli(['render', dir], env);
  assert.equal(out.code, 0, out.stderr);
  const objects = parseAllDocuments(out.stdout)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
  return { text: out.stdout, objects };
}

/** The one certs-and-configs Secret's name; asserts every referring workload uses it. */
function checkReferences(objects: readonly KubeObject[]): string {
  const secrets = objects.filter((o) => o.kind === 'Secret' && (o.metadata.name ?? '').startsWith('certs-and-configs'));
  assert.equal(secrets.length, 1, 'one certs-and-configs Secret');
  const name = secrets[0]?.metadata.name ?? '';
  assert.match(name, HASHED);

  const users = new Map<string, number>();
  for (const o of objects) {
    const refs = podReferences(o).filter((r) => r.kind === 'Secret' && r.name.startsWith('certs-and-configs'));
    if (refs.length === 0) continue;
    for (const r of refs) assert.equal(r.name, name, `${o.kind} ${o.metadata.name} refers to ${r.name}`);
    users.set(o.kind, (users.get(o.kind) ?? 0) + 1);
  }
  // The example's six Deployments, its cleaner CronJob and the two mill PodTemplates.
  assert.deepEqual(Object.fromEntries(users), { Deployment: 6, CronJob: 1, PodTemplate: 2 });
  return name;
}

test('halo-duchy example: certs-and-configs from spec.secrets, hashed name in every Deployment, CronJob and PodTemplate; one changed file renames it everywhere', async (t) => {
  const first = await renderExample(EXAMPLE);
  const name = checkReferences(first.objects);
  const secret = first.objects.find((o) => o.metadata.name === name);
  assert.deepEqual(
    Object.keys((secret?.['data'] ?? {}) as object).sort(),
    [
      'all_root_certs.pem',
      'duchy_cert_config.textproto',
      'non_aggregator_protocols_setup_config.textproto',
      'worker2_cs_cert.der',
      'worker2_cs_private.der',
      'worker2_kek.tink',
      'worker2_tls.key',
      'worker2_tls.pem',
    ],
  );

  const copy = mkdtempSync(join(tmpdir(), 'convoy-halo-example-copy-'));
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(EXAMPLE, copy, { recursive: true });
  appendFileSync(join(copy, 'kustomize', 'worker2_duchy_secret', 'duchy_cert_config.textproto'), '# changed\n');
  const second = await renderExample(copy);
  const renamed = checkReferences(second.objects);
  assert.notEqual(renamed, name, 'a changed file changes the name');
  assert.ok(!second.text.includes(name), 'the old name is gone');
  assert.equal(second.text, first.text.replaceAll(name, renamed), 'every reference follows, nothing else changes');

  // A changed root certificate changes the bundle key, so the name too.
  appendFileSync(join(copy, 'kustomize', 'worker2_duchy_secret', 'aggregator_root.pem'), '# changed\n');
  const third = await renderExample(copy);
  assert.notEqual(checkReferences(third.objects), renamed, 'a changed bundle source changes the name');
});
