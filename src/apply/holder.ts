/**
 * Lock holder identities of apply and destroy. Each operation gets its own
 * (`alice@ci-7 pid 4242 #2`): a Lease already held by the same identity is taken again
 * (src/inventory/lock.ts), so two operations of one process must not share one.
 */
import { defaultLockHolder } from '../inventory/holder.ts';
import { acquireLock, type Lock } from '../inventory/lock.ts';
import type { KubeClient } from '../kube/types.ts';

let counter = 0;

/** A holder identity unique to one operation of this process: `user@host pid N #k`. */
export function operationHolder(): string {
  counter += 1;
  return `${defaultLockHolder()} #${counter}`;
}

/**
 * Takes the stack's lock for one apply or destroy: holder `options.lockHolder` or a fresh
 * {@link operationHolder}, lease duration `options.lockTtlSeconds` (default: the lock's, 60 s).
 * @throws ConvoyError E_LOCKED when another operation holds it (src/inventory/lock.ts).
 */
export function lockStack(
  client: KubeClient,
  stack: string,
  namespace: string,
  options: { lockHolder?: string; lockTtlSeconds?: number },
): Promise<Lock> {
  return acquireLock(client, stack, {
    namespace,
    holder: options.lockHolder ?? operationHolder(),
    ...(options.lockTtlSeconds ? { ttlSeconds: options.lockTtlSeconds } : {}),
  });
}

/**
 * Releases the stack's lock at the end of an apply or destroy; a failure to release is
 * reported as an `error` event (the Lease then expires after its TTL), never thrown.
 */
export async function releaseLock(
  lock: Lock | undefined,
  emit: (e: { type: 'error'; code: 'E_KUBE'; message: string }) => void,
): Promise<void> {
  await lock
    ?.release()
    .catch((err: unknown) =>
      emit({ type: 'error', code: 'E_KUBE', message: `could not release the lock: ${String(err)}` }),
    );
}
