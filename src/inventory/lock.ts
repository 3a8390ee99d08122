/**
 * The stack lock: a coordination.k8s.io/v1 Lease `convoy-lock-<stack>` in the inventory
 * namespace, so two applies of one stack never run at once. Taken by create (or by an
 * update with the resourceVersion precondition when the lease is free, expired or already
 * ours), renewed every ttl/3 in the background, deleted on release. Optimistic concurrency
 * makes sure two takers cannot both win.
 */
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import { isStatus } from '../kube/errors.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import { defaultLockHolder } from './holder.ts';
import { STACK_LABEL } from './inventory.ts';
import { formatMicroTime, leaseState, renewIntervalMs, type LeaseSpec } from './lease-time.ts';
import { ensureNamespace } from './namespace.ts';
import { DEFAULT_INVENTORY_NAMESPACE } from './ownership.ts';

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** holderIdentity. Default `user@host pid N` of this process. */
  holder?: string;
  /** leaseDurationSeconds: how long the lease holds without renewal. Default 60. */
  ttlSeconds?: number;
  /** Renew in the background every ttl/3 while held. Default true. */
  renew?: boolean;
  /** Namespace of the Lease (the inventory namespace). Default `convoy-system`. */
  namespace?: string;
  /** Called once if the lock is lost (another holder took the lease after it expired). */
  onLost?: (err: ConvoyError) => void;
}

/** A held lock. */
export interface Lock {
  stack: string;
  holder: string;
  /** The Lease: `{namespace, name}`. */
  lease: { namespace: string; name: string };
  /** Aborted (reason: ConvoyError E_LOCKED) when the lock is lost; long operations can pass it on. */
  readonly signal: AbortSignal;
  /** Stops renewing and deletes the lease if still ours. Idempotent; never throws for a lost lease. */
  release(): Promise<void>;
}

/** Name of a stack's Lease: `convoy-lock-<stack>`. */
export function lockName(stack: string): string {
  return `convoy-lock-${stack}`;
}

function leaseRef(stack: string, namespace: string): ObjectRef {
  return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace, name: lockName(stack) };
}

function specOf(lease: KubeObject): LeaseSpec {
  return (lease['spec'] as LeaseSpec | undefined) ?? {};
}

function rvOf(lease: KubeObject): string | undefined {
  const rv = lease.metadata['resourceVersion'];
  return typeof rv === 'string' ? rv : undefined;
}

/**
 * The E_LOCKED error for a lease held by someone else:
 * `stack "panda" is locked by alice@ci-7 pid 4242 since 2026-11-21T05:12:03Z (lease convoy-system/convoy-lock-panda, expires in 41 s)`.
 */
export function lockedError(stack: string, lease: KubeObject, now: number = Date.now()): ConvoyError {
  const s = leaseState(specOf(lease), now);
  const since = s.since ? ` since ${s.since}` : '';
  return new ConvoyError(
    'E_LOCKED',
    `stack "${stack}" is locked by ${s.holder ?? 'nobody'}${since} (lease ${lease.metadata.namespace}/${lease.metadata.name}, expires in ${s.expiresInSeconds} s)`,
    { fix: `wait, or after the holder died, re-run after the lease expires; convoy unlock ${stack} forces it` },
  );
}

/**
 * Takes the stack's lock.
 *
 * - no lease → create it (creating the namespace when missing);
 * - a lease that is released (no holder), expired (renewTime + leaseDurationSeconds in the
 *   past) or already held by `holder` → update it with its resourceVersion as precondition
 *   (a concurrent taker makes that fail, and the loser then sees the winner);
 * - otherwise → E_LOCKED naming the holder.
 *
 * @throws ConvoyError E_LOCKED when another holder has it; E_KUBE on API failures.
 */
export async function acquireLock(client: KubeClient, stack: string, options: LockOptions = {}): Promise<Lock> {
  const namespace = options.namespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const holder = options.holder ?? defaultLockHolder();
  const ttlSeconds = options.ttlSeconds ?? 60;
  const ref = leaseRef(stack, namespace);

  const fresh = (): KubeObject => {
    const now = formatMicroTime(new Date());
    return {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: {
        name: ref.name,
        namespace,
        labels: { 'app.kubernetes.io/managed-by': 'convoy', [STACK_LABEL]: stack },
      },
      spec: {
        holderIdentity: holder,
        leaseDurationSeconds: ttlSeconds,
        acquireTime: now,
        renewTime: now,
        leaseTransitions: 0,
      },
    };
  };

  for (let attempt = 0; ; attempt++) {
    let created: KubeObject | undefined;
    try {
      created = await client.create(fresh());
    } catch (err) {
      if (!(err instanceof ConvoyError && isStatus(err.cause, 404) && attempt === 0)) throw err;
      await ensureNamespace(client, namespace); // the namespace did not exist yet
      continue;
    }
    if (created) return startLock(client, stack, holder, ttlSeconds, created, options);

    const live = await client.get(ref);
    if (!live) continue; // released between create and get
    const now = Date.now();
    const spec = specOf(live);
    const state = leaseState(spec, now);
    if (state.held && state.holder !== holder) throw lockedError(stack, live, now);
    const stamp = formatMicroTime(new Date(now));
    const taken: KubeObject = {
      ...live,
      spec: {
        ...spec,
        holderIdentity: holder,
        leaseDurationSeconds: ttlSeconds,
        acquireTime: state.holder === holder && state.held ? spec.acquireTime : stamp,
        renewTime: stamp,
        leaseTransitions: (spec.leaseTransitions ?? 0) + (state.holder === holder ? 0 : 1),
      },
    };
    try {
      const updated = await client.replace(taken);
      return startLock(client, stack, holder, ttlSeconds, updated, options);
    } catch (err) {
      // Someone else updated (took or renewed) it first: look again.
      if (!(err instanceof ConvoyError && err.code === 'E_CONFLICT') || attempt >= 5) throw err;
    }
  }
}

function startLock(
  client: KubeClient,
  stack: string,
  holder: string,
  ttlSeconds: number,
  lease: KubeObject,
  options: LockOptions,
): Lock {
  const controller = new AbortController();
  let current = lease;
  let lastRenewed = Date.now();
  let renewing: Promise<void> | undefined;
  let released = false;
  const namespace = lease.metadata.namespace ?? '';
  const name = lease.metadata.name ?? '';

  const lose = (err: ConvoyError): void => {
    if (controller.signal.aborted) return;
    clearInterval(timer);
    controller.abort(err);
    options.onLost?.(err);
  };

  const renewOnce = async (): Promise<void> => {
    const now = Date.now();
    try {
      current = await client.replace({
        ...current,
        spec: { ...specOf(current), holderIdentity: holder, renewTime: formatMicroTime(new Date(now)) },
      });
      lastRenewed = now;
    } catch (err) {
      if (released) return;
      if (err instanceof ConvoyError && isStatus(err.cause, 404)) {
        lose(
          new ConvoyError('E_LOCKED', `lock of stack "${stack}" was removed (lease ${namespace}/${name})`, {
            fix: `someone ran convoy unlock ${stack}; re-run when no other apply runs`,
          }),
        );
        return;
      }
      if (err instanceof ConvoyError && err.code === 'E_CONFLICT') {
        const live = await client.get(leaseRef(stack, namespace)).catch(() => undefined);
        if (live && specOf(live).holderIdentity === holder) {
          current = live; // changed by someone, still ours: renew on the next tick
          return;
        }
        lose(
          live
            ? lockedError(stack, live)
            : new ConvoyError('E_LOCKED', `lock of stack "${stack}" was removed (lease ${namespace}/${name})`, {
                fix: `someone ran convoy unlock ${stack}; re-run when no other apply runs`,
              }),
        );
        return;
      }
      if (Date.now() > lastRenewed + ttlSeconds * 1000) {
        lose(
          new ConvoyError('E_LOCKED', `lock of stack "${stack}" expired: could not renew lease ${namespace}/${name}`, {
            fix: 'check the connection to the cluster and re-run',
            cause: err,
          }),
        );
      }
    }
  };

  const timer = setInterval(() => {
    if (renewing || released) return;
    renewing = renewOnce().finally(() => {
      renewing = undefined;
    });
  }, renewIntervalMs(ttlSeconds));
  timer.unref();
  if (options.renew === false) clearInterval(timer);

  return {
    stack,
    holder,
    lease: { namespace, name },
    signal: controller.signal,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      clearInterval(timer);
      await renewing;
      if (controller.signal.aborted) return;
      const rv = rvOf(current);
      try {
        await client.delete(leaseRef(stack, namespace), rv ? { preconditions: { resourceVersion: rv } } : {});
      } catch (err) {
        // Changed since our last renewal: no longer ours to delete.
        if (!(err instanceof ConvoyError && err.code === 'E_CONFLICT')) throw err;
      }
    },
  };
}

/** Result of {@link forceUnlock}. */
export interface UnlockResult {
  /** True when a lease was deleted. */
  removed: boolean;
  /** Who held it (undefined when nobody). */
  holder: string | undefined;
  /** Whether that holder's lease was still valid (not expired). */
  wasHeld: boolean;
}

/**
 * Deletes a stack's lock whoever holds it (`convoy unlock <stack>`), for a holder that died
 * without releasing. The holder, if alive, loses the lock at its next renewal.
 *
 * @throws ConvoyError E_KUBE on API failures.
 */
export async function forceUnlock(
  client: KubeClient,
  stack: string,
  options: { namespace?: string } = {},
): Promise<UnlockResult> {
  const ref = leaseRef(stack, options.namespace ?? DEFAULT_INVENTORY_NAMESPACE);
  const live = await client.get(ref);
  if (!live) return { removed: false, holder: undefined, wasHeld: false };
  const state = leaseState(specOf(live), Date.now());
  const removed = await client.delete(ref);
  return { removed, holder: state.holder, wasHeld: state.held };
}

/**
 * The current state of a stack's lock without taking it (for `convoy status`): undefined
 * when there is no lease.
 */
export async function readLock(
  client: KubeClient,
  stack: string,
  options: { namespace?: string } = {},
): Promise<(ReturnType<typeof leaseState> & { lease: KubeObject }) | undefined> {
  const live = await client.get(leaseRef(stack, options.namespace ?? DEFAULT_INVENTORY_NAMESPACE));
  return live ? { ...leaseState(specOf(live), Date.now()), lease: live } : undefined;
}
