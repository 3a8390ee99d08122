/**
 * The stack lock (Lease) on the real local control plane: one winner among concurrent
 * takers, E_LOCKED naming the holder, renewal, release, stale lease takeover, force unlock,
 * losing the lock.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { createClient } from '../../src/kube/client.ts';
import type { KubeClient } from '../../src/kube/types.ts';
import { acquireLock, forceUnlock, lockName, readLock, type Lock } from '../../src/inventory/lock.ts';
import { formatMicroTime } from '../../src/inventory/lease-time.ts';
import { freshNamespace, getCluster } from './support/cluster.ts';

const skip = process.env['CONVOY_E2E'] === '1' ? false : 'set CONVOY_E2E=1 to run e2e tests';
let client: KubeClient;

before(async () => {
  if (skip) return;
  const { kubeconfigPath } = await getCluster();
  client = await createClient({ kubeconfig: kubeconfigPath });
});
after(() => client?.close());

const leaseRef = (namespace: string, stack: string) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  namespace,
  name: lockName(stack),
});

test(
  'lock: of two concurrent takers exactly one wins; the other gets E_LOCKED naming the holder',
  { skip },
  async (t) => {
    const namespace = await freshNamespace('lock-race', t);
    const holders = ['alice@ci-7 pid 4242', 'bob@laptop pid 77'];
    // A second client too, so the two requests do not share a connection.
    const { kubeconfigPath } = await getCluster();
    const other = await createClient({ kubeconfig: kubeconfigPath });
    t.after(() => other.close());
    const results = await Promise.allSettled([
      acquireLock(client, 'panda', { holder: holders[0], namespace }),
      acquireLock(other, 'panda', { holder: holders[1], namespace }),
    ]);
    const won = results.filter((r): r is PromiseFulfilledResult<Lock> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1, 'exactly one winner');
    assert.equal(lost.length, 1);
    const lock = won[0]!.value;
    t.after(() => lock.release());
    const err = lost[0]!.reason as ConvoyError;
    assert.ok(err instanceof ConvoyError, String(err));
    assert.equal(err.code, 'E_LOCKED');
    const since = /since (\S+) /.exec(err.message)?.[1];
    assert.equal(
      err.message,
      `stack "panda" is locked by ${lock.holder} since ${since} (lease ${namespace}/convoy-lock-panda, expires in 60 s)`,
    );
    assert.match(since ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(
      err.fix,
      'wait, or after the holder died, re-run after the lease expires; convoy unlock panda forces it',
    );

    const live = await client.get(leaseRef(namespace, 'panda'));
    const spec = live?.['spec'] as {
      holderIdentity: string;
      leaseDurationSeconds: number;
      acquireTime: string;
      renewTime: string;
    };
    assert.equal(spec.holderIdentity, lock.holder);
    assert.equal(spec.leaseDurationSeconds, 60);
    assert.match(spec.acquireTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    await lock.release();
    assert.equal(await client.get(leaseRef(namespace, 'panda')), undefined, 'release deletes the lease');
    await lock.release(); // idempotent
    const again = await acquireLock(other, 'panda', { holder: holders[1], namespace });
    await again.release();
  },
);

test('lock: ten concurrent takers, one winner', { skip }, async (t) => {
  const namespace = await freshNamespace('lock-ten', t);
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) => acquireLock(client, 'many', { holder: `h${i}@host pid ${i}`, namespace })),
  );
  const won = results.filter((r): r is PromiseFulfilledResult<Lock> => r.status === 'fulfilled');
  assert.equal(won.length, 1);
  for (const r of results) {
    if (r.status === 'rejected') assert.equal((r.reason as ConvoyError).code, 'E_LOCKED', String(r.reason));
  }
  await won[0]!.value.release();
});

test('lock: a stale lease (renewTime + duration in the past) is taken over', { skip }, async (t) => {
  const namespace = await freshNamespace('lock-stale', t);
  const longAgo = formatMicroTime(new Date(Date.now() - 10 * 60_000));
  await client.create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: lockName('panda'), namespace },
    spec: {
      holderIdentity: 'ghost@gone pid 1',
      leaseDurationSeconds: 60,
      acquireTime: longAgo,
      renewTime: longAgo,
      leaseTransitions: 0,
    },
  });
  const state = await readLock(client, 'panda', { namespace });
  assert.equal(state?.held, false);
  assert.equal(state?.holder, 'ghost@gone pid 1');

  const lock = await acquireLock(client, 'panda', { holder: 'alice@ci-7 pid 4242', namespace });
  t.after(() => lock.release());
  const spec = (await client.get(leaseRef(namespace, 'panda')))?.['spec'] as {
    holderIdentity: string;
    leaseTransitions: number;
    acquireTime: string;
  };
  assert.equal(spec.holderIdentity, 'alice@ci-7 pid 4242');
  assert.equal(spec.leaseTransitions, 1);
  assert.ok(Date.parse(spec.acquireTime) > Date.parse(longAgo));
});

test(
  'lock: of concurrent takers of a stale lease exactly one wins (resourceVersion precondition)',
  { skip },
  async (t) => {
    const namespace = await freshNamespace('lock-stale-race', t);
    const longAgo = formatMicroTime(new Date(Date.now() - 10 * 60_000));
    await client.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: lockName('panda'), namespace },
      spec: { holderIdentity: 'ghost@gone pid 1', leaseDurationSeconds: 60, acquireTime: longAgo, renewTime: longAgo },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        acquireLock(client, 'panda', { holder: `taker${i}@host pid ${i}`, namespace }),
      ),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<Lock> => r.status === 'fulfilled');
    assert.equal(won.length, 1, 'exactly one taker wins');
    const winner = won[0]!.value;
    t.after(() => winner.release());
    for (const r of results) {
      if (r.status === 'rejected') {
        assert.equal((r.reason as ConvoyError).code, 'E_LOCKED', String(r.reason));
        assert.match((r.reason as ConvoyError).message, new RegExp(`locked by ${winner.holder}`));
      }
    }
  },
);

test('lock: a live lease of another holder is not taken over', { skip }, async (t) => {
  const namespace = await freshNamespace('lock-live', t);
  const recent = formatMicroTime(new Date(Date.now() - 19_000));
  await client.create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: lockName('panda'), namespace },
    spec: { holderIdentity: 'alice@ci-7 pid 4242', leaseDurationSeconds: 60, acquireTime: recent, renewTime: recent },
  });
  await assert.rejects(
    acquireLock(client, 'panda', { holder: 'bob@laptop pid 1', namespace }),
    (err: unknown) =>
      err instanceof ConvoyError &&
      err.code === 'E_LOCKED' &&
      /^stack "panda" is locked by alice@ci-7 pid 4242 since \S+Z \(lease \S+\/convoy-lock-panda, expires in 4[01] s\)$/.test(
        err.message,
      ),
  );
  // The same holder may take it again (a retried create after a timeout, or a re-run).
  const mine = await acquireLock(client, 'panda', { holder: 'alice@ci-7 pid 4242', namespace });
  await mine.release();
});

test('lock: renewal keeps a short lease held; release frees it', { skip }, async (t) => {
  const namespace = await freshNamespace('lock-renew', t);
  const lock = await acquireLock(client, 'panda', { holder: 'alice@ci-7 pid 1', namespace, ttlSeconds: 3 });
  t.after(() => lock.release());
  const first = (await readLock(client, 'panda', { namespace }))?.lease['spec'] as { renewTime: string };
  await new Promise((r) => setTimeout(r, 4500)); // longer than the ttl: held only thanks to renewal
  const state = await readLock(client, 'panda', { namespace });
  assert.equal(state?.held, true);
  assert.ok(Date.parse((state?.lease['spec'] as { renewTime: string }).renewTime) > Date.parse(first.renewTime));
  await assert.rejects(acquireLock(client, 'panda', { holder: 'bob@laptop pid 2', namespace }), { code: 'E_LOCKED' });
  assert.equal(lock.signal.aborted, false);
  await lock.release();
  const next = await acquireLock(client, 'panda', { holder: 'bob@laptop pid 2', namespace });
  await next.release();
});

test('lock: forceUnlock removes it; the holder notices it lost the lock', { skip }, async (t) => {
  const namespace = await freshNamespace('lock-force', t);
  let lostWith: ConvoyError | undefined;
  const lock = await acquireLock(client, 'panda', {
    holder: 'alice@ci-7 pid 1',
    namespace,
    ttlSeconds: 3,
    onLost: (err) => (lostWith = err),
  });
  t.after(() => lock.release());
  const result = await forceUnlock(client, 'panda', { namespace });
  assert.deepEqual(result, { removed: true, holder: 'alice@ci-7 pid 1', wasHeld: true });
  assert.deepEqual(await forceUnlock(client, 'panda', { namespace }), {
    removed: false,
    holder: undefined,
    wasHeld: false,
  });
  await new Promise((r) => setTimeout(r, 1500)); // one renewal period (1 s)
  assert.equal(lock.signal.aborted, true);
  assert.equal(lostWith?.code, 'E_LOCKED');
  assert.match(lostWith?.message ?? '', /lock of stack "panda" was removed/);
  await lock.release(); // no error for a lost lock
});

test('lock: the namespace is created when missing', { skip }, async (t) => {
  const namespace = `convoy-e2e-lock-${Date.now().toString(36)}`;
  t.after(() => client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }));
  const lock = await acquireLock(client, 'hello', { namespace, renew: false });
  assert.match(lock.holder, /^.+@.+ pid \d+$/);
  await lock.release();
});
