/** Per-stack inventory in the cluster, ownership rules, and the stack lock (Lease). */
export * from './ownership.ts';
export * from './entries.ts';
export { renderedHash, canonicalJson } from './hash.ts';
export { defaultAppliedBy, defaultLockHolder } from './holder.ts';
export * from './inventory.ts';
export { ensureNamespace } from './namespace.ts';
export * from './lease-time.ts';
export * from './lock.ts';
