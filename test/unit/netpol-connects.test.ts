/**
 * `connects` validation: unknown components (E_NEEDS with "did you mean"), duplicates, bad
 * ports, podSelector on native components — each at its position.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConvoyError, ConvoyErrors } from '../../src/errors.ts';
import { loadStackText } from '../../src/stack/load.ts';

const stack = (components: string) => `apiVersion: convoy.dev/v1alpha1
kind: Stack
metadata: {name: s}
spec:
  components:
${components}`;

async function errorsOf(text: string): Promise<ConvoyError[]> {
  try {
    await loadStackText(text);
    return [];
  } catch (err) {
    if (err instanceof ConvoyErrors) return [...err.errors];
    if (err instanceof ConvoyError) return [err];
    throw err;
  }
}

test('connects: unknown component → E_NEEDS with did-you-mean at the entry', async () => {
  const errs = await errorsOf(
    stack(`    web: {connects: [databse:5432], native: {workloads: {web: {image: "a:1"}}}}
    database: {native: {workloads: {db: {image: "b:1"}}}}`),
  );
  assert.equal(errs.length, 1);
  assert.equal(errs[0]?.code, 'E_NEEDS');
  assert.match(errs[0]?.message ?? '', /connects to "databse"/);
  assert.match(errs[0]?.fix ?? '', /did you mean "database"/);
  assert.equal(errs[0]?.position?.line, 6);
});

test('connects: syntax, duplicates, ports and podSelector on native', async () => {
  const errs = await errorsOf(
    stack(`    web:
      connects: [db:5432, db:5432, db:99999, "db:53/UDP"]
      podSelector: {app: web}
      native: {workloads: {web: {image: "a:1"}}}
    db: {native: {workloads: {db: {image: "b:1"}}}}`),
  );
  assert.deepEqual(errs.map((e) => e.code).sort(), ['E_DUPLICATE', 'E_SCHEMA', 'E_SCHEMA']);
  const bad = await errorsOf(stack(`    db: {connects: ["web/TCP"], native: {workloads: {db: {image: "b:1"}}}}`));
  assert.equal(bad[0]?.code, 'E_SCHEMA');
  assert.match(bad[0]?.message ?? '', /component\[:port\[\/protocol\]\]/);
});
