/**
 * Deleting inventory entries in reverse dependency order: what `prune` (objects that left
 * the stack) and `destroy` (everything) share. Components go by the reversed waves (the last
 * wave first; the components of one wave at once); inside a component, phases in reverse
 * (workloads before Services before config before Namespaces, CRDs last), each step deleted
 * and waited for (watch until gone) before the next.
 *
 * Never deletes what is not ours (canPrune: the ownership annotation must name this
 * inventory); keeps objects marked `convoy.dev/keep: "true"` (or Helm's
 * `resource-policy: keep`) and, on destroy, PersistentVolumeClaims, unless purging; keeps a
 * Namespace that still holds kept objects (deleting it would delete them).
 */
import pLimit from 'p-limit';
import { ConvoyError } from '../errors.ts';
import type { InventoryEntry } from '../inventory/entries.ts';
import { canPrune, isKept } from '../inventory/ownership.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import type { KubeObject } from '../objects/types.ts';
import { compareInPhase, phaseOf } from '../plan/phases.ts';
import { PHASES, type Waves } from '../plan/types.ts';
import type { EventInput } from './events.ts';
import { keyOf } from './refs.ts';
import { waitForGone } from './wait.ts';

/** One component's deletion: steps in order, each deleted together. */
export interface ComponentDeletion {
  component: string;
  steps: InventoryEntry[][];
}

/** The ref of an inventory entry. */
export function entryRef(e: InventoryEntry): ObjectRef {
  return { apiVersion: e.apiVersion, kind: e.kind, name: e.name, ...(e.namespace ? { namespace: e.namespace } : {}) };
}

/**
 * Orders entries for deletion (pure): rounds of components (run one round after the other,
 * the components of a round at once). Components not in `waves` (they left the stack, or
 * entries without a component) form the first round: nothing left in the stack needs them.
 * Then `waves` reversed. Inside a component: one step per phase, phases in reverse order;
 * inside a step, reverse Helm install order.
 */
export function deletionOrder(entries: readonly InventoryEntry[], waves: Waves): ComponentDeletion[][] {
  const byComponent = new Map<string, InventoryEntry[]>();
  for (const e of entries) byComponent.set(e.component, [...(byComponent.get(e.component) ?? []), e]);
  const inWaves = new Set(waves.flat());
  const rounds: string[][] = [];
  const unknown = [...byComponent.keys()].filter((c) => !inWaves.has(c)).sort();
  if (unknown.length > 0) rounds.push(unknown);
  for (const wave of [...waves].reverse()) {
    const present = wave.filter((c) => byComponent.has(c));
    if (present.length > 0) rounds.push(present);
  }
  return rounds.map((round) =>
    round.map((component) => ({ component, steps: reversePhaseSteps(byComponent.get(component) ?? []) })),
  );
}

function reversePhaseSteps(entries: InventoryEntry[]): InventoryEntry[][] {
  const stub = (e: InventoryEntry): KubeObject => ({
    apiVersion: e.apiVersion,
    kind: e.kind,
    metadata: { name: e.name, ...(e.namespace ? { namespace: e.namespace } : {}) },
  });
  const byPhase = new Map<number, InventoryEntry[]>();
  for (const e of entries) {
    // Hooks are stored like any object; their phase is their kind's.
    const rank = PHASES.indexOf(phaseOf(stub(e)) ?? 'other');
    byPhase.set(rank, [...(byPhase.get(rank) ?? []), e]);
  }
  return [...byPhase.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, list]) => [...list].sort((a, b) => compareInPhase(stub(b), stub(a))));
}

/** What happens to one entry. */
export type DeleteDecision = { action: 'delete' } | { action: 'kept' | 'skipped'; detail: string };

/**
 * Decides for every entry from its live object (pure): `delete` when ours (canPrune);
 * `kept` when marked keep, a PVC on destroy, or a Namespace holding kept objects (unless
 * `purge`); `skipped` when gone or not ours.
 */
export function decideDeletions(
  entries: readonly InventoryEntry[],
  live: ReadonlyMap<string, KubeObject | undefined>,
  id: string,
  options: { purge: boolean; operation: 'prune' | 'destroy' },
): Map<string, DeleteDecision> {
  const out = new Map<string, DeleteDecision>();
  const keptNamespaces = new Set<string>();
  for (const e of entries) {
    const key = keyOf(entryRef(e));
    const obj = live.get(key);
    const d = canPrune(obj, id, { purge: options.purge });
    if (d.ok && options.operation === 'destroy' && !options.purge && e.kind === 'PersistentVolumeClaim') {
      out.set(key, { action: 'kept', detail: 'a PersistentVolumeClaim (its data); --purge deletes it' });
    } else if (d.ok) {
      out.set(key, { action: 'delete' });
    } else {
      out.set(key, { action: obj && isKept(obj) ? 'kept' : 'skipped', detail: d.reason });
    }
    if (out.get(key)?.action === 'kept' && e.namespace) keptNamespaces.add(e.namespace);
  }
  for (const e of entries) {
    const key = keyOf(entryRef(e));
    if (
      e.kind === 'Namespace' &&
      e.apiVersion === 'v1' &&
      keptNamespaces.has(e.name) &&
      out.get(key)?.action === 'delete'
    ) {
      out.set(key, { action: 'kept', detail: 'holds kept objects; --purge deletes it' });
    }
  }
  return out;
}

export interface DeleteRun {
  client: KubeClient;
  id: string;
  operation: 'prune' | 'destroy';
  purge: boolean;
  dryRun: boolean;
  emit: (e: EventInput) => void;
  /** Time for each step to be gone, in seconds. */
  stepTimeoutSeconds: number;
  /** Called after every delete sent (not in a dry run). */
  wrote: () => void;
  signal?: AbortSignal;
}

/** Outcome per entry key. */
export interface DeleteOutcome {
  deleted: InventoryEntry[];
  /** Kept objects and why (keep-marked, PVC on destroy, Namespace holding kept objects). */
  kept: { entry: InventoryEntry; detail: string }[];
  /** Entries left alone: already gone, or not ours. */
  skipped: { entry: InventoryEntry; detail: string }[];
  /** Entries whose deletion failed, with the error. */
  failed: { entry: InventoryEntry; error: ConvoyError }[];
}

/**
 * Deletes entries in {@link deletionOrder}, emitting `prune` or `delete` events. Reads every
 * entry first (to decide), then deletes step by step, waiting for each step to be gone. A
 * failing step is reported and its component stops; other components go on.
 */
export async function deleteEntries(
  run: DeleteRun,
  entries: readonly InventoryEntry[],
  waves: Waves,
): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deleted: [], kept: [], skipped: [], failed: [] };
  const limit = pLimit(16);
  const live = new Map<string, KubeObject | undefined>();
  await Promise.all(
    entries.map((e) =>
      limit(async () => {
        live.set(keyOf(entryRef(e)), await run.client.get(entryRef(e)));
      }),
    ),
  );
  const decisions = decideDeletions(entries, live, run.id, run);
  const report = (e: InventoryEntry, action: 'deleted' | 'kept' | 'skipped', detail?: string): void => {
    run.emit({
      type: run.operation === 'prune' ? 'prune' : 'delete',
      component: e.component,
      ref: entryRef(e),
      action,
      ...(detail ? { detail } : {}),
      dryRun: run.dryRun,
    });
  };

  for (const round of deletionOrder(entries, waves)) {
    await Promise.all(
      round.map(async ({ steps }) => {
        for (const step of steps) {
          const doomed: InventoryEntry[] = [];
          for (const e of step) {
            const d = decisions.get(keyOf(entryRef(e))) ?? { action: 'skipped', detail: 'unknown' };
            if (d.action === 'delete') doomed.push(e);
            else {
              outcome[d.action].push({ entry: e, detail: d.detail });
              report(e, d.action, d.detail);
            }
          }
          try {
            await deleteStep(run, doomed);
            for (const e of doomed) {
              outcome.deleted.push(e);
              report(e, 'deleted');
            }
          } catch (err) {
            const error = err instanceof ConvoyError ? err : new ConvoyError('E_KUBE', String(err), { cause: err });
            for (const e of doomed) outcome.failed.push({ entry: e, error });
            run.emit({ type: 'error', code: error.code, message: error.message, component: step[0]?.component ?? '' });
            return; // the rest of this component depends on what failed to go
          }
        }
      }),
    );
  }
  return outcome;
}

async function deleteStep(run: DeleteRun, doomed: InventoryEntry[]): Promise<void> {
  if (doomed.length === 0) return;
  const refs = doomed.map(entryRef);
  if (run.dryRun) {
    await Promise.all(refs.map((ref) => run.client.delete(ref, { dryRun: true })));
    return;
  }
  await Promise.all(
    refs.map(async (ref) => {
      if (await run.client.delete(ref)) run.wrote();
    }),
  );
  const seconds = run.stepTimeoutSeconds;
  const timeout = AbortSignal.timeout(seconds * 1000);
  const own = new AbortController();
  timeout.addEventListener('abort', () =>
    own.abort(
      new ConvoyError('E_TIMEOUT', `deleted objects were not gone within ${seconds}s`, {
        fix: 'Look at their finalizers (kubectl get -o yaml) and what blocks them.',
      }),
    ),
  );
  const signal = run.signal ? AbortSignal.any([run.signal, own.signal]) : own.signal;
  await waitForGone(run.client, refs, { signal });
}
