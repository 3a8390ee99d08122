/**
 * Hash-suffixed secrets from `spec.secrets` on a stack shaped like the halo-duchy example
 * (issue 5): the Duchy's Deployments, CronJob and PodTemplates as plain manifests, and its
 * `certs-and-configs` secret built by convoy from the same files, the trust bundle as one file
 * (the example itself concatenates the roots: ./halo-duchy-example.test.ts). The name equals the
 * example's; changing one
 * file changes the name and every Deployment, CronJob and PodTemplate reference follows.
 */
import assert from 'node:assert/strict';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { prepareStackSecrets } from '../../../src/apply/secrets.ts';
import type { KubeObject } from '../../../src/objects/types.ts';
import { render } from '../../../src/render/index.ts';
import { resolve as resolveStack } from '../../../src/resolve/index.ts';
import { resolveGenerators } from '../../../src/resolve/secrets.ts';
import { podReferences } from '../../../src/secrets/index.ts';
import { loadStack } from '../../../src/stack/load.ts';
import { assertGolden } from '../../support/golden.ts';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const HALO = join(ROOT, 'examples', 'halo-duchy', 'kustomize');
const FILES = [
  'all_root_certs.pem',
  'worker2_tls.pem',
  'worker2_tls.key',
  'worker2_cs_cert.der',
  'worker2_cs_private.der',
  'duchy_cert_config.textproto',
  'non_aggregator_protocols_setup_config.textproto',
  'worker2_kek.tink',
];

function makeStack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convoy-halo-secrets-'));
  mkdirSync(join(dir, 'manifests'));
  mkdirSync(join(dir, 'secret'));
  // The example's workloads, one Kustomize component per Duchy workload (kustomize/<component>/).
  for (const c of readdirSync(HALO)) {
    for (const f of ['deployment.yaml', 'cronjob.yaml', 'pod-template.yaml']) {
      if (existsSync(join(HALO, c, f))) copyFileSync(join(HALO, c, f), join(dir, 'manifests', `${c}-${f}`));
    }
  }
  for (const f of readdirSync(join(HALO, 'worker2_duchy_secret'))) {
    copyFileSync(join(HALO, 'worker2_duchy_secret', f), join(dir, 'secret', f));
  }
  // The trust bundle as one file, as the guide's `cat *_root.pem > all_root_certs.pem` makes it.
  writeFileSync(
    join(dir, 'secret', 'all_root_certs.pem'),
    ['worker2_root.pem', 'aggregator_root.pem'].map((f) => readFileSync(join(dir, 'secret', f), 'utf8')).join(''),
  );
  writeFileSync(
    join(dir, 'convoy.yaml'),
    `apiVersion: convoy.dev/v1alpha1
kind: Stack
metadata: {name: halo-secrets}
spec:
  namespace: halo
  secrets:
    certs-and-configs:
      hashSuffix: true
      files:
        list: [${FILES.map((f) => `secret/${f}`).join(', ')}]
  components:
    worker2-duchy:
      manifests: {files: ["manifests/*.yaml"]}
`,
  );
  return dir;
}

async function renderWithSecrets(dir: string): Promise<KubeObject[]> {
  const loaded = await loadStack(dir);
  const resolved = resolveStack(loaded, { env: {} });
  const rendered = await render(resolved, { cacheDir: null });
  const out = await prepareStackSecrets(resolveGenerators(loaded, resolved, {}), resolved, rendered, { env: {} });
  return out.rendered.components.flatMap((c) => c.objects);
}

/** `Kind name → secret names it refers to`, one line per workload, and the Secret's name and keys. */
function summary(objects: readonly KubeObject[]): string {
  const lines: string[] = [];
  for (const o of objects) {
    if (o.kind === 'Secret') {
      lines.push(`Secret ${o.metadata.name}: ${Object.keys((o['data'] ?? {}) as object).join(', ')}`);
      continue;
    }
    const refs = podReferences(o).filter((r) => r.kind === 'Secret');
    if (refs.length > 0) lines.push(`${o.kind} ${o.metadata.name} → ${[...new Set(refs.map((r) => r.name))].join(', ')}`);
  }
  return `${lines.sort().join('\n')}\n`;
}

test('halo-shaped stack: convoy hash-suffixed secret, every reference rewritten; one changed file renames it', async (t) => {
  const dir = makeStack();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = await renderWithSecrets(dir);
  const text = summary(first);
  await assertGolden(join(ROOT, 'test', 'golden', 'secrets', 'halo-secrets.txt'), text);
  const name = first.find((o) => o.kind === 'Secret')?.metadata.name ?? '';
  assert.match(name, /^certs-and-configs-[a-z0-9]{10}$/);

  // The same name as the example's (golden render of halo-duchy, where convoy builds it from the
  // roots and a bundle; Kustomize's secretGenerator gave the example this name before).
  const haloGolden = readFileSync(join(ROOT, 'test', 'golden', 'render', 'halo-duchy', '_no-environment.yaml'), 'utf8');
  assert.ok(haloGolden.includes(`name: ${name}\n`), `kustomize names it ${name} too`);

  const users = first.filter((o) => podReferences(o).some((r) => r.kind === 'Secret'));
  const kinds = new Set(users.map((o) => o.kind));
  for (const k of ['Deployment', 'CronJob', 'PodTemplate']) assert.ok(kinds.has(k), `${k} refers to the secret`);

  appendFileSync(join(dir, 'secret', 'duchy_cert_config.textproto'), '# changed\n');
  const second = await renderWithSecrets(dir);
  const renamed = second.find((o) => o.kind === 'Secret')?.metadata.name ?? '';
  assert.match(renamed, /^certs-and-configs-[a-z0-9]{10}$/);
  assert.notEqual(renamed, name);
  assert.equal(summary(second), text.replaceAll(name, renamed), 'every reference follows, nothing else changes');
  assert.ok(!JSON.stringify(second).includes(`"${name}"`), 'the old name is gone');
});
