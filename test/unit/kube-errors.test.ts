import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import {
  classifyError,
  KubeHttpError,
  parseApplyConflicts,
  redactSecretMessage,
  RequestTimeoutError,
  toConvoyError,
  type KubeStatus,
  type RequestContext,
} from '../../src/kube/errors.ts';

const deploy: RequestContext = { verb: 'update', kind: 'Deployment', namespace: 'demo', name: 'web' };
const netErr = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:6443`), { code });
const http = (status: number, reason?: string, extra: Partial<KubeStatus> = {}) =>
  new KubeHttpError(status, {
    kind: 'Status',
    status: 'Failure',
    message: `msg ${status}`,
    code: status,
    ...(reason ? { reason } : {}),
    ...extra,
  });

const table: {
  name: string;
  err: unknown;
  ctx?: RequestContext;
  retry: boolean;
  code: string;
  reason: string;
  status?: number;
}[] = [
  {
    name: '429 retries',
    err: http(429, 'TooManyRequests'),
    retry: true,
    code: 'E_KUBE',
    reason: 'TooManyRequests',
    status: 429,
  },
  {
    name: '500 retries',
    err: http(500, 'InternalError'),
    retry: true,
    code: 'E_KUBE',
    reason: 'InternalError',
    status: 500,
  },
  {
    name: '503 without body retries',
    err: new KubeHttpError(503, undefined),
    retry: true,
    code: 'E_KUBE',
    reason: 'ServiceUnavailable',
    status: 503,
  },
  { name: '504 retries', err: http(504, 'Timeout'), retry: true, code: 'E_KUBE', reason: 'Timeout', status: 504 },
  {
    name: '404 is terminal',
    err: http(404, 'NotFound'),
    retry: false,
    code: 'E_KUBE',
    reason: 'NotFound',
    status: 404,
  },
  {
    name: '403 is terminal',
    err: http(403, 'Forbidden'),
    retry: false,
    code: 'E_KUBE',
    reason: 'Forbidden',
    status: 403,
  },
  { name: '401 is terminal', err: http(401), retry: false, code: 'E_KUBE', reason: 'Unauthorized', status: 401 },
  { name: '422 is terminal', err: http(422, 'Invalid'), retry: false, code: 'E_KUBE', reason: 'Invalid', status: 422 },
  { name: '410 is terminal', err: http(410, 'Expired'), retry: false, code: 'E_KUBE', reason: 'Expired', status: 410 },
  {
    name: '409 AlreadyExists is terminal',
    err: http(409, 'AlreadyExists'),
    ctx: { verb: 'create', kind: 'Lease' },
    retry: false,
    code: 'E_KUBE',
    reason: 'AlreadyExists',
    status: 409,
  },
  {
    name: '409 Conflict on a plain write retries',
    err: http(409, 'Conflict'),
    ctx: deploy,
    retry: true,
    code: 'E_CONFLICT',
    reason: 'Conflict',
    status: 409,
  },
  {
    name: '409 Conflict with precondition is final',
    err: http(409, 'Conflict'),
    ctx: { ...deploy, precondition: true },
    retry: false,
    code: 'E_CONFLICT',
    reason: 'Conflict',
    status: 409,
  },
  {
    name: '409 apply conflict is final E_CONFLICT',
    err: http(409, 'Conflict', {
      details: {
        causes: [
          { reason: 'FieldManagerConflict', message: 'conflict with "kubectl" using apps/v1', field: '.spec.replicas' },
        ],
      },
    }),
    ctx: { ...deploy, verb: 'apply' },
    retry: false,
    code: 'E_CONFLICT',
    reason: 'Conflict',
    status: 409,
  },
  { name: 'ECONNREFUSED retries', err: netErr('ECONNREFUSED'), retry: true, code: 'E_KUBE', reason: 'ECONNREFUSED' },
  { name: 'ECONNRESET retries', err: netErr('ECONNRESET'), retry: true, code: 'E_KUBE', reason: 'ECONNRESET' },
  { name: 'ETIMEDOUT retries', err: netErr('ETIMEDOUT'), retry: true, code: 'E_KUBE', reason: 'ETIMEDOUT' },
  { name: 'EAI_AGAIN retries', err: netErr('EAI_AGAIN'), retry: true, code: 'E_KUBE', reason: 'EAI_AGAIN' },
  {
    name: 'code in cause retries',
    err: new TypeError('fetch failed', { cause: netErr('ECONNRESET') }),
    retry: true,
    code: 'E_KUBE',
    reason: 'ECONNRESET',
  },
  {
    name: 'request timeout retries',
    err: new RequestTimeoutError(30000),
    retry: true,
    code: 'E_KUBE',
    reason: 'ETIMEDOUT',
  },
  {
    name: 'abort is terminal',
    err: Object.assign(new Error('aborted'), { name: 'AbortError' }),
    retry: false,
    code: 'E_KUBE',
    reason: 'Aborted',
  },
  { name: 'unknown error is terminal', err: new Error('weird'), retry: false, code: 'E_KUBE', reason: 'Unknown' },
  {
    name: 'ConvoyError passes through',
    err: new ConvoyError('E_LOCKED', 'locked'),
    retry: false,
    code: 'E_LOCKED',
    reason: 'E_LOCKED',
  },
];

for (const c of table) {
  test(`classifyError: ${c.name}`, () => {
    const got = classifyError(c.err, c.ctx ?? deploy);
    assert.equal(got.retry, c.retry);
    assert.equal(got.code, c.code);
    assert.equal(got.reason, c.reason);
    assert.equal(got.status, c.status);
  });
}

test('classifyError: message names verb, object, server message, status and reason', () => {
  const got = classifyError(http(422, 'Invalid'), deploy);
  assert.equal(got.message, 'update Deployment demo/web: msg 422 (422 Invalid)');
});

test('classifyError: Retry-After from header, then from Status details', () => {
  assert.equal(classifyError(new KubeHttpError(429, undefined, 7)).retryAfterSeconds, 7);
  assert.equal(classifyError(http(429, 'TooManyRequests', { details: { retryAfterSeconds: 3 } })).retryAfterSeconds, 3);
  assert.equal(classifyError(http(500)).retryAfterSeconds, undefined);
});

test('classifyError: apply conflict lists fields per manager and the fix', () => {
  const err = http(409, 'Conflict', {
    message: 'Apply failed with 3 conflicts: ...',
    details: {
      causes: [
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "kubectl-edit" using apps/v1',
          field: '.spec.replicas',
        },
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "helm" using apps/v1',
          field: '.spec.template.spec.containers[name="web"].image',
        },
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "kubectl-edit" using apps/v1',
          field: '.metadata.labels.tier',
        },
      ],
    },
  });
  const got = classifyError(err, { ...deploy, verb: 'apply' });
  assert.equal(
    got.message,
    'apply Deployment demo/web conflicts: field manager "kubectl-edit" owns .spec.replicas, .metadata.labels.tier; field manager "helm" owns .spec.template.spec.containers[name="web"].image',
  );
  assert.equal(got.fix, 're-run with --force-conflicts to take ownership');
});

test('parseApplyConflicts: falls back to the message when causes are missing', () => {
  const got = parseApplyConflicts({
    message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.key',
  });
  assert.deepEqual(got, [{ manager: 'kubectl-client-side-apply', field: '.data.key' }]);
});

test('redactSecretMessage: removes invalid values', () => {
  assert.equal(
    redactSecretMessage(
      'Secret "db" is invalid: data[x]: Invalid value: "hunter2": a valid config key must consist of ...',
    ),
    'Secret "db" is invalid: data[x]: Invalid value: [redacted]: a valid config key must consist of ...',
  );
  assert.equal(
    redactSecretMessage('type: Invalid value: "a\\"b": field is immutable'),
    'type: Invalid value: [redacted]: field is immutable',
  );
});

test('toConvoyError: a Secret error neither echoes values in the message nor in the cause', () => {
  const err = http(422, 'Invalid', {
    message: 'Secret "db" is invalid: data[password]: Invalid value: "hunter2": bad',
    details: {
      causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "hunter2": bad', field: 'data[password]' }],
    },
  });
  const e = toConvoyError(err, { verb: 'apply', kind: 'Secret', namespace: 'demo', name: 'db' });
  assert.equal(e.code, 'E_KUBE');
  assert.doesNotMatch(e.message, /hunter2/);
  assert.doesNotMatch(JSON.stringify(e.cause), /hunter2/);
  assert.doesNotMatch((e.cause as Error).message, /hunter2/);
});

test('toConvoyError: network error carries a fix', () => {
  const e = toConvoyError(netErr('ECONNREFUSED'), { verb: 'get', kind: 'Namespace', name: 'x' });
  assert.match(e.message, /^get Namespace x: cannot reach the API server \(ECONNREFUSED/);
  assert.match(e.fix ?? '', /cluster/);
});
