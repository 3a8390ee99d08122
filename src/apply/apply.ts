/**
 * `apply`: deploy a rendered stack. Lock → inventory → ownership check → inventory written
 * with old ∪ new (so a kill -9 mid-apply never loses track of an object) → components by
 * the DAG scheduler → prune what left the stack → inventory shrunk to the new set → unlock.
 */
import { hookInfo } from './hooks.ts';
import { withoutForeignNamespaces } from './foreign-namespaces.ts';
import pLimit from 'p-limit';
import { ConvoyError } from '../errors.ts';
import { entryKey, type InventoryEntry } from '../inventory/entries.ts';
import { renderedHash } from '../inventory/hash.ts';
import { readInventory, writeInventory } from '../inventory/inventory.ts';
import type { Lock } from '../inventory/lock.ts';
import { canApply, DEFAULT_INVENTORY_NAMESPACE, inventoryId } from '../inventory/ownership.ts';
import type { ObjectRef } from '../kube/types.ts';
import { parseApiVersion } from '../objects/identity.ts';
import type { KubeObject } from '../objects/types.ts';
import { stackFacts } from '../plan/diff-facts.ts';
import { inventoryOwnership } from '../plan/diff-object.ts';
import { pruneScope } from '../plan/diff-scope.ts';
import { computeWaves } from '../plan/graph.ts';
import type { RenderedStack } from '../render/types.ts';
import type { ResolvedStack } from '../resolve/types.ts';
import { applyComponent, type ComponentContext } from './component.ts';
import { deleteEntries, entryRef } from './delete.ts';
import { stamper, type EmitFn } from './events.ts';
import { lockStack, releaseLock } from './holder.ts';
import { ComponentFailure } from './explain.ts';
import type { ApplyOptions, ApplyResult, ComponentFailureSummary, ObjectCounts } from './options.ts';
import { keyOf, refOf, refText } from './refs.ts';
import { schedule } from './scheduler.ts';

/** Default field manager of server-side apply. */
export const DEFAULT_FIELD_MANAGER = 'convoy';

/**
 * Deploys a rendered stack onto the cluster and waits until every component is Current.
 *
 * Events (in order): `init`; per component `component-start`, `phase-start`,
 * `object-apply`, `hook`, `object-status`, then `component-ready` / `component-failed`, or
 * `component-skipped`; `prune` per pruned object; `error` for non-component problems;
 * `summary` last (also when it throws, after an `error` event). Every event has `time`
 * (ms since the epoch).
 *
 * @param rendered the objects of each selected component (render()).
 * @param resolved the selection (needs, per-component timeoutSeconds); every rendered
 *   component must be in it.
 * @param options see {@link ApplyOptions}.
 * @param emit receives the events; must not throw.
 * @returns the outcome; `ok` false when a component failed, was skipped, or prune failed.
 *   Component failures do not throw.
 * @throws ConvoyError E_LOCKED (another apply holds the stack's lock); E_CONFLICT (objects
 *   exist that this stack does not own, listed; nothing was written); E_USAGE (bad options);
 *   E_NEEDS/E_CYCLE (bad graph); E_KUBE (inventory or API failure outside a component).
 */
export async function apply(
  renderedIn: RenderedStack,
  resolved: ResolvedStack,
  options: ApplyOptions & {
    /**
     * Runs in a component's scheduler slot before its objects are applied (not in a dry run),
     * e.g. the database bootstrap of src/apply/databases.ts; a rejection fails the component.
     */
    beforeComponent?: (component: string, signal: AbortSignal) => Promise<void>;
  },
  emit: EmitFn,
): Promise<ApplyResult> {
  const t0 = Date.now();
  const out = stamper(emit);
  const { client } = options;
  const stats0 = client.stats();
  const dryRun = options.dryRun ?? false;
  const fieldManager = options.fieldManager ?? DEFAULT_FIELD_MANAGER;
  const invNs = options.inventoryNamespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const id = inventoryId(renderedIn.name, invNs);
  const rendered = await withoutForeignNamespaces(renderedIn, client, id);

  const resolvedByName = new Map(resolved.components.map((c) => [c.name, c]));
  for (const c of rendered.components) {
    if (!resolvedByName.has(c.name)) {
      throw new ConvoyError('E_INTERNAL', `rendered component "${c.name}" is not in the resolved stack`);
    }
  }
  const nodes = rendered.components.map((c) => ({
    name: c.name,
    needs: (resolvedByName.get(c.name)?.needs ?? []).filter((n) => rendered.components.some((r) => r.name === n)),
    timeoutSeconds: resolvedByName.get(c.name)?.timeoutSeconds,
  }));
  const waves = computeWaves(nodes);
  const allObjects = rendered.components.flatMap((c) => c.objects);
  const facts = stackFacts(allObjects);
  const desired: InventoryEntry[] = rendered.components.flatMap((c) =>
    c.objects.map((o) => entryFromRef(refOf(o, facts.clusterScoped), c.name)),
  );
  // Hooks deleted on success (helm.sh/hook-delete-policy: hook-succeeded) are expected to
  // vanish, so the inventory does not keep them (Helm does not track hook resources in a release
  // either; status would otherwise report them NotFound). They are recorded just before a hook
  // step creates them (ctx.recordHooks), so a copy left by an interrupted run (kill -9 while the
  // hook Job ran) stays tracked, and the next successful apply prunes it.
  const lasting = desired.filter((_, i) => !hookInfo(allObjects[i]!)?.deletePolicies.has('hook-succeeded'));

  out({
    type: 'init',
    stack: rendered.name,
    environment: rendered.environment,
    waves,
    components: nodes.map((n) => ({
      name: n.name,
      needs: [...n.needs].sort(),
      objects: rendered.components.find((c) => c.name === n.name)?.objects.length ?? 0,
    })),
    objects: allObjects.length,
    dryRun,
  });

  const counts: ObjectCounts = { created: 0, configured: 0, unchanged: 0, pruned: 0, deleted: 0, kept: 0 };
  let objectWrites = 0;
  const result: ApplyResult = {
    stack: rendered.name,
    ok: false,
    dryRun,
    ready: [],
    failed: [],
    skipped: [],
    objects: counts,
    pruned: [],
    inventoryRevision: undefined,
    writes: 0,
    objectWrites: 0,
    requests: 0,
    durationMs: 0,
  };

  let lock: Lock | undefined;
  try {
    if (!dryRun) {
      lock = await lockStack(client, rendered.name, invNs, options);
    }
    let inventory = await readInventory(client, rendered.name, { namespace: invNs });
    result.inventoryRevision = inventory?.revision;
    const previous = new Map((inventory?.objects ?? []).map((e) => [entryKey(e), e]));
    await checkOwnership(options, allObjects, facts.clusterScoped, facts.crdKinds, previous, id);

    // Record old ∪ new before the first write to any object.
    if (!dryRun) {
      const union = new Map(previous);
      for (const e of lasting) union.set(entryKey(e), e);
      if (!sameEntries(previous, union)) {
        inventory = await writeInventory(
          client,
          rendered.name,
          {
            objects: union.values(),
            renderedHash: inventory?.renderedHash ?? '',
            environment: rendered.environment ?? '',
          },
          { namespace: invNs, previous: inventory },
        );
        result.inventoryRevision = inventory.revision;
      }
    }

    // Hook objects join the inventory right before they are created; writes are serialized.
    let recording: Promise<void> = Promise.resolve();
    const recordHooks = (component: string, refs: ObjectRef[]): Promise<void> => {
      recording = recording.then(async () => {
        const have = new Map((inventory?.objects ?? []).map((e) => [entryKey(e), e]));
        const add = refs.map((r) => entryFromRef(r, component)).filter((e) => !have.has(entryKey(e)));
        if (add.length === 0) return;
        for (const e of add) have.set(entryKey(e), e);
        inventory = await writeInventory(
          client,
          rendered.name,
          {
            objects: have.values(),
            renderedHash: inventory?.renderedHash ?? '',
            environment: rendered.environment ?? '',
          },
          { namespace: invNs, previous: inventory },
        );
        result.inventoryRevision = inventory.revision;
      });
      return recording;
    };
    const installed = new Set([...previous.values()].map((e) => e.component));
    const signals = [options.signal, lock?.signal].filter((s): s is AbortSignal => s !== undefined);
    const ctxFor = (name: string): ComponentContext => ({
      client,
      emit: out,
      fieldManager,
      forceConflicts: options.forceConflicts ?? false,
      dryRun,
      ownership: inventoryOwnership(id, options.adopt ?? false),
      mode: installed.has(name) ? 'upgrade' : 'install',
      objectConcurrency: options.objectConcurrency ?? 8,
      ...(options.statusOptions ? { statusOptions: options.statusOptions } : {}),
      clusterScoped: facts.clusterScoped,
      pendingKinds: facts.crdKinds,
      pendingNamespaces: facts.namespaces,
      count: (action) => {
        counts[action] += 1;
      },
      wrote: () => {
        if (!dryRun) objectWrites += 1;
      },
      recordHooks: (refs) => recordHooks(name, refs),
    });
    const objectsOf = new Map(rendered.components.map((c) => [c.name, c.objects]));
    const started = new Map<string, number>();
    const sched = await schedule(
      nodes,
      async (name, signal) => {
        if (!dryRun && options.beforeComponent) {
          try {
            await options.beforeComponent(name, signal);
          } catch (err) {
            throw err instanceof ConvoyError ? err : new ConvoyError('E_FAILED', String(err), { cause: err });
          }
        }
        return applyComponent(ctxFor(name), name, objectsOf.get(name) ?? [], signal);
      },
      {
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
        ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
      },
      {
        onStart: (name) => {
          started.set(name, Date.now());
          out({ type: 'component-start', component: name, mode: installed.has(name) ? 'upgrade' : 'install' });
        },
        onReady: (name, durationMs) => out({ type: 'component-ready', component: name, durationMs }),
        onFailed: (name, error, durationMs) => {
          const summary = failureSummary(name, error);
          result.failed.push(summary);
          out({
            type: 'component-failed',
            component: name,
            code: summary.code,
            reason: summary.reason,
            message: summary.message,
            ...(summary.ref ? { ref: summary.ref } : {}),
            events: error instanceof ComponentFailure ? (error.detail?.events ?? []) : [],
            ...(summary.hint ? { hint: summary.hint } : {}),
            durationMs,
          });
        },
        onSkipped: (name, reason, because) => {
          result.skipped.push({ component: name, reason, because });
          out({ type: 'component-skipped', component: name, reason, because });
        },
      },
    );
    result.ready = sched.ready;
    let ok = sched.failed.length === 0 && sched.skipped.length === 0;

    // Prune what left the stack, only after everything else is in place.
    const desiredKeys = new Set(lasting.map(entryKey));
    const scope = pruneScope(
      [...previous.values()],
      desiredKeys,
      new Set(rendered.components.map((c) => c.name)),
      options.stackComponents,
    );
    const removed = scope.removed;
    let remaining = [...removed, ...scope.untouched];
    if (ok && (options.prune ?? true) && removed.length > 0) {
      const outcome = await deleteEntries(
        {
          client,
          id,
          operation: 'prune',
          purge: false,
          dryRun,
          emit: out,
          stepTimeoutSeconds: options.pruneTimeoutSeconds ?? 300,
          ...(options.signal ? { signal: options.signal } : {}),
          wrote: () => {
            if (!dryRun) objectWrites += 1;
          },
        },
        removed,
        waves,
      );
      counts.pruned = outcome.deleted.length;
      counts.kept = outcome.kept.length;
      result.pruned = outcome.deleted.map(entryRef);
      // Kept objects stay recorded (so `destroy --purge` finds them); failed ones too (retry next time).
      remaining = [...outcome.kept.map((k) => k.entry), ...outcome.failed.map((f) => f.entry), ...scope.untouched];
      if (outcome.failed.length > 0) ok = false;
    }

    // Shrink the inventory to the new set (plus what could not go, and the components outside
    // the selection) once everything succeeded.
    if (!dryRun && ok && inventory !== undefined) {
      const final = new Map(lasting.map((e) => [entryKey(e), e]));
      for (const e of remaining) final.set(entryKey(e), e);
      const current = new Map(inventory.objects.map((e) => [entryKey(e), e]));
      const hash = renderedHash(allObjects);
      if (!sameEntries(current, final) || objectWrites > 0 || inventory.renderedHash !== hash) {
        inventory = await writeInventory(
          client,
          rendered.name,
          { objects: final.values(), renderedHash: hash, environment: rendered.environment ?? '' },
          { namespace: invNs, previous: inventory },
        );
        result.inventoryRevision = inventory.revision;
      }
    }
    result.ok = ok;
  } catch (err) {
    const error = err instanceof ConvoyError ? err : new ConvoyError('E_INTERNAL', String(err), { cause: err });
    out({ type: 'error', code: error.code, message: error.message });
    throw error;
  } finally {
    await releaseLock(lock, out);
    const stats = client.stats();
    result.writes = stats.writes - stats0.writes;
    result.requests = stats.total - stats0.total;
    result.objectWrites = objectWrites;
    result.durationMs = Date.now() - t0;
    out({
      type: 'summary',
      operation: 'apply',
      components: { ready: result.ready.length, failed: result.failed.length, skipped: result.skipped.length },
      objects: { ...counts },
      writes: result.writes,
      objectWrites,
      requests: result.requests,
      durationMs: result.durationMs,
      dryRun,
    });
  }
  return result;
}

/**
 * Refuses the apply before any write when a desired object exists and is not ours (and not
 * adoptable). Objects recorded in the inventory are ours already and not read again here.
 */
async function checkOwnership(
  options: ApplyOptions,
  objects: KubeObject[],
  clusterScoped: ReadonlySet<string>,
  pendingKinds: ReadonlySet<string>,
  previous: ReadonlyMap<string, InventoryEntry>,
  id: string,
): Promise<void> {
  const limit = pLimit(16);
  const policy = options.adopt ? 'adopt' : 'strict';
  const refused: string[] = [];
  await Promise.all(
    objects.map((o) =>
      limit(async () => {
        const ref = refOf(o, clusterScoped);
        if (previous.has(keyOf(ref))) return;
        let live: KubeObject | undefined;
        try {
          live = await options.client.get(ref);
        } catch (err) {
          // A kind not served yet because its CRD comes with the stack: nothing to own yet.
          if (pendingKinds.has(`${parseApiVersion(ref.apiVersion).group}/${ref.kind}`)) return;
          throw err;
        }
        const d = canApply(live, id, policy);
        if (!d.ok) refused.push(`${refText(ref)}: ${d.reason}`);
      }),
    ),
  );
  if (refused.length === 0) return;
  refused.sort();
  const shown = refused.slice(0, 10).join('\n  ');
  const more = refused.length > 10 ? `\n  (+${refused.length - 10} more)` : '';
  throw new ConvoyError(
    'E_CONFLICT',
    `${refused.length} object${refused.length === 1 ? '' : 's'} of the stack exist${refused.length === 1 ? 's' : ''} and ${refused.length === 1 ? 'is' : 'are'} not owned by it; nothing was changed:\n  ${shown}${more}`,
    {
      fix: options.adopt
        ? 'Objects owned by another stack cannot be adopted: remove them from that stack, or rename them here.'
        : 'Re-run with --adopt to take over objects that no stack owns, or rename them.',
    },
  );
}

function failureSummary(component: string, error: ConvoyError): ComponentFailureSummary {
  const detail = error instanceof ComponentFailure ? error.detail : undefined;
  return {
    component,
    code: error.code,
    reason: detail?.reason ?? error.code,
    message: error.format(),
    ...(detail ? { ref: detail.ref, hint: detail.hint } : {}),
  };
}

/** The inventory entry of a ref. */
export function entryFromRef(ref: ObjectRef, component: string): InventoryEntry {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: ref.name,
    component,
  };
}

/** Same keys and the same component and apiVersion per key. */
function sameEntries(a: ReadonlyMap<string, InventoryEntry>, b: ReadonlyMap<string, InventoryEntry>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (!y || y.apiVersion !== x.apiVersion || y.component !== x.component) return false;
  }
  return true;
}
