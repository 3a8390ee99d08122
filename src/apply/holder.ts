/**
 * Lock holder identities of apply and destroy. Each operation gets its own
 * (`alice@ci-7 pid 4242 #2`): a Lease already held by the same identity is taken again
 * (src/inventory/lock.ts), so two operations of one process must not share one.
 */
import { defaultLockHolder } from '../inventory/holder.ts';

let counter = 0;

/** A holder identity unique to one operation of this process: `user@host pid N #k`. */
export function operationHolder(): string {
  counter += 1;
  return `${defaultLockHolder()} #${counter}`;
}
