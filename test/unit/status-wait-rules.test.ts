import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConvoyError, ConvoyErrors } from '../../src/errors.ts';
import { computeStatus } from '../../src/status/compute.ts';
import type { WaitRule } from '../../src/status/types.ts';
import { compileWaitRules } from '../../src/status/wait-rules.ts';
import { object, runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const ruleList: WaitRule[] = [
  {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    success: [{ type: 'Ready', status: 'True' }],
    failure: [{ type: 'Ready', status: 'False', reason: 'Failed' }],
  },
  {
    kind: 'Database',
    success: [{ path: '.status.phase', equals: 'Running' }],
    failure: [
      { type: 'Degraded', status: 'True' },
      { path: '.status.phase', equals: 'Error' },
    ],
  },
  { kind: 'Cache', success: [{ path: '.status.readyReplicas', equals: '3' }] },
  { kind: 'Gate', success: [{ path: ".metadata.annotations['example.com/ready']", equals: 'true' }] },
  {
    kind: 'Broker',
    success: [
      { path: '{.status.endpoints[0].state}', equals: 'Serving' },
      { type: 'Ready', status: 'True', reason: 'AllServing' },
    ],
  },
  { apiVersion: 'apps/v1', kind: 'Deployment', success: [{ type: 'Available', status: 'True' }] },
];
const rules = compileWaitRules(ruleList);

function certificate(conditions: string, generation = 1, apiVersion = 'cert-manager.io/v1'): string {
  return `
apiVersion: ${apiVersion}
kind: Certificate
metadata: {name: web-tls, generation: ${generation}}
spec: {secretName: web-tls}
status:
  conditions:
${conditions}
`;
}

const cases: StatusCase[] = [
  {
    name: 'success condition matches',
    yaml: certificate('    - {type: Ready, status: "True", reason: Ready, message: Certificate is up to date}'),
    options: { rules },
    want: { status: 'Current', message: 'Ready=True' },
  },
  {
    name: 'failure condition with reason is Failed and stalled',
    yaml: certificate('    - {type: Ready, status: "False", reason: Failed, message: "issuer web-ca not found"}'),
    options: { rules },
    want: {
      status: 'Failed',
      reason: 'Failed',
      stalled: true,
      message: 'failure: Ready=False: Failed: issuer web-ca not found',
    },
  },
  {
    name: 'a failure matcher with another reason does not match: InProgress, saying what it waits for',
    yaml: certificate('    - {type: Ready, status: "False", reason: Issuing, message: "Issuing certificate"}'),
    options: { rules },
    want: {
      status: 'InProgress',
      reason: 'WaitRuleNotMet',
      message: 'waiting for Ready=True (now False: Issuing: Issuing certificate)',
    },
  },
  {
    name: 'no conditions yet',
    yaml: certificate('    []'),
    options: { rules },
    want: { status: 'InProgress', message: 'waiting for Ready=True (now absent)' },
  },
  {
    name: 'a stale condition is ignored',
    yaml: certificate('    - {type: Ready, status: "True", observedGeneration: 1}', 2),
    options: { rules },
    want: { status: 'InProgress', message: 'waiting for Ready=True (now observedGeneration 1/2)' },
  },
  {
    name: 'another apiVersion does not match the rule: generic rules apply',
    yaml: certificate(
      '    - {type: Ready, status: "False", reason: Failed, message: "bad"}',
      1,
      'cert-manager.io/v1alpha2',
    ),
    options: { rules },
    want: { status: 'Failed', reason: 'Failed', stalled: false },
  },
  {
    name: 'failure matchers are checked before success ones',
    yaml: `
apiVersion: db.example.com/v1
kind: Database
metadata: {name: orders}
status:
  phase: Running
  conditions:
    - {type: Degraded, status: "True", reason: ReplicaLag, message: "replica 2 lags 300s"}
`,
    options: { rules },
    want: {
      status: 'Failed',
      reason: 'ReplicaLag',
      stalled: true,
      message: 'failure: Degraded=True: ReplicaLag: replica 2 lags 300s',
    },
  },
  {
    name: 'path failure matcher',
    yaml: `
apiVersion: db.example.com/v1
kind: Database
metadata: {name: orders}
status: {phase: Error}
`,
    options: { rules },
    want: { status: 'Failed', reason: 'WaitRuleFailure', stalled: true, message: 'failure: .status.phase == Error' },
  },
  {
    name: 'path success matcher (rule without apiVersion matches any version)',
    yaml: `
apiVersion: db.example.com/v2
kind: Database
metadata: {name: orders}
status:
  phase: Running
  conditions:
    - {type: Degraded, status: "False"}
`,
    options: { rules },
    want: { status: 'Current', message: '.status.phase == Running' },
  },
  {
    name: 'path not there yet',
    yaml: `
apiVersion: db.example.com/v1
kind: Database
metadata: {name: orders}
`,
    options: { rules },
    want: { status: 'InProgress', message: 'waiting for .status.phase == Running (now absent)' },
  },
  {
    name: 'path with another value',
    yaml: `
apiVersion: db.example.com/v1
kind: Database
metadata: {name: orders}
status: {phase: Creating}
`,
    options: { rules },
    want: { status: 'InProgress', message: 'waiting for .status.phase == Running (now Creating)' },
  },
  {
    name: 'numbers compare by their text',
    yaml: `
apiVersion: cache.example.com/v1
kind: Cache
metadata: {name: sessions}
status: {readyReplicas: 3}
`,
    options: { rules },
    want: { status: 'Current' },
  },
  {
    name: 'quoted key in the path (annotation with dots and slash)',
    yaml: `
apiVersion: example.com/v1
kind: Gate
metadata:
  name: g
  annotations: {example.com/ready: "true"}
`,
    options: { rules },
    want: { status: 'Current' },
  },
  {
    name: 'array index in a braced path',
    yaml: `
apiVersion: mq.example.com/v1
kind: Broker
metadata: {name: events}
status:
  endpoints:
    - {name: amqp, state: Serving}
`,
    options: { rules },
    want: { status: 'Current', message: '{.status.endpoints[0].state} == Serving' },
  },
  {
    name: 'any success matcher is enough; reason must match when given',
    yaml: `
apiVersion: mq.example.com/v1
kind: Broker
metadata: {name: events}
status:
  conditions:
    - {type: Ready, status: "True", reason: PartiallyServing}
`,
    options: { rules },
    want: {
      status: 'InProgress',
      message:
        'waiting for {.status.endpoints[0].state} == Serving (now absent) or Ready=True (reason AllServing) (now True: PartiallyServing)',
    },
  },
  {
    name: 'user rules are consulted before the built-in rule of the kind',
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, generation: 1}
spec: {replicas: 3}
status:
  observedGeneration: 1
  replicas: 3
  readyReplicas: 1
  conditions:
    - {type: Available, status: "True"}
`,
    options: { rules },
    want: { status: 'Current', message: 'Available=True' },
  },
  {
    name: 'deletionTimestamp wins over user rules',
    yaml: `
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web-tls, deletionTimestamp: "2025-01-01T00:00:00Z"}
status:
  conditions:
    - {type: Ready, status: "True"}
`,
    options: { rules },
    want: { status: 'Terminating' },
  },
  {
    name: 'an unobserved generation wins over user rules',
    yaml: `
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web-tls, generation: 3}
status:
  observedGeneration: 2
  conditions:
    - {type: Ready, status: "True"}
`,
    options: { rules },
    want: { status: 'InProgress', message: 'observedGeneration 2/3' },
  },
  {
    name: 'a raw WaitRule[] is accepted as options.rules',
    yaml: `
apiVersion: db.example.com/v1
kind: Database
metadata: {name: orders}
status: {phase: Running}
`,
    options: { rules: ruleList },
    want: { status: 'Current' },
  },
];

runStatusCases('status: user wait rules', cases);

describe('compileWaitRules errors', () => {
  const expectSchemaError = (input: unknown, pattern: RegExp): ConvoyError => {
    try {
      compileWaitRules(input as WaitRule[], { position: { file: 'stack.yaml', line: 12, column: 5 } });
    } catch (err) {
      assert.ok(err instanceof ConvoyError);
      assert.equal(err.code, 'E_SCHEMA');
      assert.match(err.message, pattern);
      assert.ok(err instanceof ConvoyErrors || err.fix, 'a single error carries a fix');
      return err;
    }
    assert.fail('expected a ConvoyError');
  };

  it('a rule without kind', () => {
    const err = expectSchemaError([{ success: [{ type: 'Ready', status: 'True' }] }], /wait rule 1: kind is missing/);
    assert.match(err.format(), /^stack\.yaml:12:5: /);
  });
  it('a rule without success matchers', () => {
    expectSchemaError([{ kind: 'Certificate', success: [] }], /wait rule 1 \(Certificate\): success must be a list/);
  });
  it('a condition status that is not True/False/Unknown (unquoted YAML boolean)', () => {
    const err = expectSchemaError(
      [{ kind: 'Certificate', success: [{ type: 'Ready', status: true }] }],
      /success\[0\]: condition status true is not True, False or Unknown/,
    );
    assert.match(err.fix ?? '', /quote the status/);
  });
  it('a path that does not parse', () => {
    expectSchemaError(
      [{ kind: 'Database', success: [{ path: '.status[phase]', equals: 'Running' }] }],
      /path ".status\[phase\]": '\[phase\]' is neither an index nor a quoted name/,
    );
  });
  it('a matcher of neither form', () => {
    expectSchemaError(
      [{ kind: 'Database', success: [{ equals: 'Running' }] }],
      /needs either type and status, or path and equals/,
    );
  });
  it('several problems are reported together', () => {
    const err = expectSchemaError(
      [
        { kind: 'A', success: [{ type: 'Ready', status: 'yes' }] },
        { kind: 'B', success: [{ path: '.status.', equals: 'x' }], failure: 'nope' },
      ],
      /wait rule 1 \(A\)/,
    );
    assert.ok(err instanceof ConvoyErrors);
    assert.equal(err.errors.length, 3);
  });
  it('computeStatus with invalid raw rules throws the same error', () => {
    assert.throws(
      () =>
        computeStatus(object('{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}'), {
          rules: [{ kind: '' } as WaitRule],
        }),
      (err: unknown) => err instanceof ConvoyError && err.code === 'E_SCHEMA',
    );
  });
});
