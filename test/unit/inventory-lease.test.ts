import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMicroTime, formatSeconds, leaseState, renewIntervalMs } from '../../src/inventory/lease-time.ts';
import { lockedError, lockName } from '../../src/inventory/lock.ts';

const T = Date.parse('2026-11-21T05:12:03Z');

test('formatMicroTime / formatSeconds', () => {
  assert.equal(formatMicroTime(new Date(T + 123)), '2026-11-21T05:12:03.123000Z');
  assert.equal(formatSeconds('2026-11-21T05:12:03.123456Z'), '2026-11-21T05:12:03Z');
});

const table: {
  name: string;
  spec: Parameters<typeof leaseState>[0];
  now: number;
  held: boolean;
  holder?: string;
  expiresIn: number;
}[] = [
  { name: 'no lease spec', spec: undefined, now: T, held: false, expiresIn: 0 },
  {
    name: 'released (no holder)',
    spec: { holderIdentity: '', leaseDurationSeconds: 60, renewTime: '2026-11-21T05:12:03.000000Z' },
    now: T,
    held: false,
    expiresIn: 0,
  },
  {
    name: 'fresh',
    spec: {
      holderIdentity: 'a',
      leaseDurationSeconds: 60,
      acquireTime: '2026-11-21T05:12:03.000000Z',
      renewTime: '2026-11-21T05:12:03.000000Z',
    },
    now: T + 19_000,
    held: true,
    holder: 'a',
    expiresIn: 41,
  },
  {
    name: 'renewal extends',
    spec: {
      holderIdentity: 'a',
      leaseDurationSeconds: 60,
      acquireTime: '2026-11-21T05:00:00.000000Z',
      renewTime: '2026-11-21T05:12:03.000000Z',
    },
    now: T + 59_500,
    held: true,
    holder: 'a',
    expiresIn: 1,
  },
  {
    name: 'exactly at expiry is expired',
    spec: { holderIdentity: 'a', leaseDurationSeconds: 60, renewTime: '2026-11-21T05:12:03.000000Z' },
    now: T + 60_000,
    held: false,
    holder: 'a',
    expiresIn: 0,
  },
  {
    name: 'stale',
    spec: { holderIdentity: 'a', leaseDurationSeconds: 60, renewTime: '2026-11-21T05:12:03.000000Z' },
    now: T + 3_600_000,
    held: false,
    holder: 'a',
    expiresIn: 0,
  },
  {
    name: 'no renewTime counts from acquireTime',
    spec: { holderIdentity: 'a', leaseDurationSeconds: 10, acquireTime: '2026-11-21T05:12:03.000000Z' },
    now: T + 5_000,
    held: true,
    holder: 'a',
    expiresIn: 5,
  },
  {
    name: 'no duration expires at once',
    spec: { holderIdentity: 'a', renewTime: '2026-11-21T05:12:03.000000Z' },
    now: T + 1,
    held: false,
    holder: 'a',
    expiresIn: 0,
  },
  {
    name: 'holder but no times is expired',
    spec: { holderIdentity: 'a', leaseDurationSeconds: 60 },
    now: T,
    held: false,
    holder: 'a',
    expiresIn: 0,
  },
  {
    name: 'clock behind the writer (renewTime in the future)',
    spec: { holderIdentity: 'a', leaseDurationSeconds: 60, renewTime: '2026-11-21T05:12:13.000000Z' },
    now: T,
    held: true,
    holder: 'a',
    expiresIn: 70,
  },
];
for (const c of table) {
  test(`leaseState: ${c.name}`, () => {
    const s = leaseState(c.spec, c.now);
    assert.equal(s.held, c.held);
    assert.equal(s.holder, c.holder);
    assert.equal(s.expiresInSeconds, c.expiresIn);
  });
}

test('renewIntervalMs: a third of the ttl, at least 1 s', () => {
  assert.equal(renewIntervalMs(60), 20_000);
  assert.equal(renewIntervalMs(1), 1000);
});

test('lockedError: names holder, since, lease and expiry, with the fix', () => {
  const lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: lockName('panda'), namespace: 'convoy-system' },
    spec: {
      holderIdentity: 'alice@ci-7 pid 4242',
      leaseDurationSeconds: 60,
      acquireTime: '2026-11-21T05:12:03.000000Z',
      renewTime: '2026-11-21T05:12:03.000000Z',
    },
  };
  const err = lockedError('panda', lease, T + 19_000);
  assert.equal(err.code, 'E_LOCKED');
  assert.equal(
    err.message,
    'stack "panda" is locked by alice@ci-7 pid 4242 since 2026-11-21T05:12:03Z (lease convoy-system/convoy-lock-panda, expires in 41 s)',
  );
  assert.equal(
    err.fix,
    'wait, or after the holder died, re-run after the lease expires; convoy unlock panda forces it',
  );
});
