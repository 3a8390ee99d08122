import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPlan, formatPlanJson, valueText } from '../../src/plan/diff-format.ts';
import { countActions, type ComponentDiff, type StackPlan } from '../../src/plan/diff-types.ts';

const ref = (kind: string, name: string, namespace?: string, apiVersion = 'v1') => ({
  apiVersion,
  kind,
  name,
  ...(namespace ? { namespace } : {}),
});

function plan(components: ComponentDiff[]): StackPlan {
  return { stack: 'panda', environment: 'lsst', components, counts: countActions(components) };
}

const sample = plan([
  {
    name: 'msgsvc',
    mode: 'upgrade',
    objects: [
      { ref: ref('Service', 'test-msgsvc', 'panda'), action: 'unchanged', changes: [] },
      { ref: ref('Deployment', 'test-msgsvc', 'panda', 'apps/v1'), action: 'unchanged', changes: [] },
    ],
  },
  {
    name: 'panda',
    mode: 'upgrade',
    objects: [
      {
        ref: ref('Deployment', 'test-panda-server', 'panda', 'apps/v1'),
        action: 'update',
        changes: [{ path: 'spec.replicas', before: 1, after: 2 }],
      },
      {
        ref: ref('ConfigMap', 'settings', 'panda'),
        action: 'update',
        changes: [
          { path: 'data.level', before: 'info', after: 'debug' },
          { path: 'data.mode', after: 'fast' },
        ],
      },
      {
        ref: ref('Secret', 'panda-db', 'panda'),
        action: 'update',
        changes: [
          { path: 'data.password', before: '<redacted sha256:0a1b2c3d…>', after: '<redacted sha256:4e5f6a7b…>' },
        ],
      },
      { ref: ref('Service', 'test-panda-api', 'panda'), action: 'create', changes: [] },
      {
        ref: ref('Job', 'test-panda-migrate', 'panda', 'batch/v1'),
        action: 'hook',
        changes: [],
        detail: 'pre-upgrade hook, weight 0',
      },
      {
        ref: ref('ConfigMap', 'foreign', 'panda'),
        action: 'exists-not-owned',
        changes: [],
        detail: 'owned by stack other',
      },
      {
        ref: ref('Deployment', 'edited', 'panda', 'apps/v1'),
        action: 'conflict',
        changes: [],
        detail: 'field manager "kubectl-edit" owns .spec.replicas',
      },
      { ref: ref('ConfigMap', 'old-settings', 'panda'), action: 'prune', changes: [] },
      { ref: ref('ConfigMap', 'same', 'panda'), action: 'unchanged', changes: [] },
    ],
  },
  { name: 'legacy', mode: 'remove', objects: [{ ref: ref('Namespace', 'legacy'), action: 'prune', changes: [] }] },
]);

describe('formatPlan', () => {
  it('prints the golden text', () => {
    assert.equal(
      formatPlan(sample),
      `Stack panda (environment lsst)

msgsvc (upgrade): no changes (2 unchanged)

panda (upgrade), 1 unchanged
  ~ Deployment panda/test-panda-server  spec.replicas: 1 → 2
  ~ ConfigMap panda/settings
      data.level: "info" → "debug"
      data.mode: (none) → "fast"
  ~ Secret panda/panda-db  data.password: <redacted sha256:0a1b2c3d…> → <redacted sha256:4e5f6a7b…>
  + Service panda/test-panda-api
  * Job panda/test-panda-migrate  (pre-upgrade hook, weight 0)
  ! ConfigMap panda/foreign  exists, not owned by this stack (owned by stack other); adopt it with --adopt
  ! Deployment panda/edited  conflict: field manager "kubectl-edit" owns .spec.replicas
  - ConfigMap panda/old-settings  (prune)

legacy (remove)
  - Namespace legacy  (prune)

Plan: 1 to create, 3 to update, 2 to prune, 1 hook to run, 1 in conflict, 1 not owned, 3 unchanged.
`,
    );
  });

  it('lists unchanged objects on request', () => {
    const text = formatPlan(plan([sample.components[0] as ComponentDiff]), { showUnchanged: true });
    assert.equal(
      text,
      `Stack panda (environment lsst)

msgsvc (upgrade), 2 unchanged
  = Service panda/test-msgsvc
  = Deployment panda/test-msgsvc

No changes: 2 objects unchanged.
`,
    );
  });

  it('colours only when asked', () => {
    assert.equal(formatPlan(sample).includes('\u001b['), false);
    assert.equal(formatPlan(sample, { color: true }).includes('\u001b['), true);
  });

  it('cuts long values', () => {
    assert.equal(valueText('x'.repeat(100), 10), '"xxxxxxxx…');
    assert.equal(valueText({ a: [1, 2] }), '{"a":[1,2]}');
    assert.equal(valueText(undefined), '(none)');
    assert.equal(valueText(null), 'null');
  });

  it('the JSON model round-trips', () => {
    assert.deepEqual(JSON.parse(formatPlanJson(sample)), sample);
  });
});
