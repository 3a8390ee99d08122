/**
 * `destroy`: delete everything a stack's inventory records, in reverse dependency order
 * (the reversed waves; inside a component, phases in reverse), waiting until each step is
 * gone; keep PersistentVolumeClaims and objects marked `convoy.dev/keep: "true"` unless
 * purging; then delete the inventory.
 */
import { ConvoyError } from '../errors.ts';
import { deleteInventory, readInventory } from '../inventory/inventory.ts';
import type { Lock } from '../inventory/lock.ts';
import { DEFAULT_INVENTORY_NAMESPACE } from '../inventory/ownership.ts';
import { computeWaves } from '../plan/graph.ts';
import { deleteEntries, entryRef } from './delete.ts';
import { stamper, type EmitFn } from './events.ts';
import { lockStack, releaseLock } from './holder.ts';
import type { DestroyOptions, DestroyResult } from './options.ts';

/** Which stack to destroy; a ResolvedStack fits. `components` give the order (needs); components not listed go first. */
export interface DestroyTarget {
  name: string;
  components?: readonly { name: string; needs: readonly string[] }[];
}

/**
 * Destroys a stack: every object of its inventory that is still ours.
 *
 * Events: `delete` per object (action deleted / kept / skipped), `error` for a step that
 * failed, `summary` last.
 *
 * The inventory is deleted when nothing failed: kept objects stay in the cluster, still
 * annotated as this stack's, so a later apply takes them up again without `--adopt`.
 *
 * @returns what was deleted, kept, skipped and failed; `ok` false when a deletion failed.
 * @throws ConvoyError E_LOCKED when an apply of the stack runs; E_KUBE on inventory/API failures.
 */
export async function destroy(target: DestroyTarget, options: DestroyOptions, emit: EmitFn): Promise<DestroyResult> {
  const t0 = Date.now();
  const out = stamper(emit);
  const { client } = options;
  const stats0 = client.stats();
  const dryRun = options.dryRun ?? false;
  const invNs = options.inventoryNamespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const result: DestroyResult = {
    stack: target.name,
    ok: false,
    dryRun,
    deleted: [],
    kept: [],
    skipped: [],
    failed: [],
    inventoryDeleted: false,
    writes: 0,
    requests: 0,
    durationMs: 0,
  };
  let lock: Lock | undefined;
  try {
    if (!dryRun) {
      lock = await lockStack(client, target.name, invNs, options);
    }
    const inventory = await readInventory(client, target.name, { namespace: invNs });
    if (!inventory) {
      result.ok = true;
      return result;
    }
    const known = new Set(inventory.objects.map((e) => e.component));
    const nodes = (target.components ?? [])
      .filter((c) => known.has(c.name))
      .map((c) => ({ name: c.name, needs: c.needs.filter((n) => known.has(n)) }));
    const waves = computeWaves(nodes);
    const signals = [options.signal, lock?.signal].filter((s): s is AbortSignal => s !== undefined);
    const outcome = await deleteEntries(
      {
        client,
        id: inventory.id,
        operation: 'destroy',
        purge: options.purge ?? false,
        dryRun,
        emit: out,
        stepTimeoutSeconds: options.stepTimeoutSeconds ?? 300,
        ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
        wrote: () => undefined,
      },
      inventory.objects,
      waves,
    );
    result.deleted = outcome.deleted.map(entryRef);
    result.skipped = outcome.skipped.map((k) => entryRef(k.entry));
    result.kept = outcome.kept.map((k) => ({ ref: entryRef(k.entry), detail: k.detail }));
    result.failed = outcome.failed.map((f) => ({
      ref: entryRef(f.entry),
      code: f.error.code,
      message: f.error.message,
    }));
    result.ok = outcome.failed.length === 0;
    if (result.ok && !dryRun) {
      result.inventoryDeleted = await deleteInventory(client, target.name, { namespace: invNs, previous: inventory });
    }
    return result;
  } catch (err) {
    const error = err instanceof ConvoyError ? err : new ConvoyError('E_INTERNAL', String(err), { cause: err });
    out({ type: 'error', code: error.code, message: error.message });
    throw error;
  } finally {
    await releaseLock(lock, out);
    const stats = client.stats();
    result.writes = stats.writes - stats0.writes;
    result.requests = stats.total - stats0.total;
    result.durationMs = Date.now() - t0;
    out({
      type: 'summary',
      operation: 'destroy',
      components: { ready: 0, failed: 0, skipped: 0 },
      objects: {
        created: 0,
        configured: 0,
        unchanged: 0,
        pruned: 0,
        deleted: result.deleted.length,
        kept: result.kept.length,
      },
      writes: result.writes,
      requests: result.requests,
      durationMs: result.durationMs,
      dryRun,
    });
  }
}
