/**
 * Applying one component: its phases in order (src/plan/phases.ts: pre-hooks by weight →
 * Namespaces → CRDs (then wait for Established) → RBAC → config → storage → Services →
 * workloads → Jobs → other → post-hooks by weight), every object by server-side apply,
 * objects of one phase in parallel (bounded); then a watch-driven wait until every object
 * of the component is Current, failing fast on stalled states.
 *
 * An object the dry run finds unchanged gets no write at all, so re-applying an unchanged
 * stack makes zero writes.
 */
import pLimit from 'p-limit';
import { ConvoyError } from '../errors.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import type { KubeObject } from '../objects/types.ts';
import { diffObject, type ObjectChange, type Ownership } from '../plan/diff-object.ts';
import { planPhases } from '../plan/phases.ts';
import type { Phase } from '../plan/types.ts';
import type { StatusOptions, StatusResult } from '../status/types.ts';
import type { ApplyAction, EventInput } from './events.ts';
import { hookEvent, hookInfo, isHook, isHookFor, type HookEvent } from './hooks.ts';
import { withListedReads } from './live-cache.ts';
import { refOf, refText } from './refs.ts';
import { waitForCurrent, waitForGone } from './wait.ts';

/** Everything one component's apply needs besides its objects. */
export interface ComponentContext {
  client: KubeClient;
  emit: (event: EventInput) => void;
  /** Server-side apply field manager. */
  fieldManager: string;
  /** Take fields other managers own (`force=true`). */
  forceConflicts: boolean;
  /** Server-side dry run only: no writes, no waits. */
  dryRun: boolean;
  ownership: Ownership;
  /** `install` when the component is not in the inventory yet, else `upgrade` (picks the Helm hooks). */
  mode: 'install' | 'upgrade';
  /** Objects applied at once inside a phase. */
  objectConcurrency: number;
  statusOptions?: StatusOptions;
  /** `group/Kind` of cluster-scoped custom resources (from the stack's CRDs). */
  clusterScoped: ReadonlySet<string>;
  /** `group/Kind` of custom resources whose CRDs the stack creates (dry-run tolerance). */
  pendingKinds: ReadonlySet<string>;
  /** Namespaces the stack creates (dry-run tolerance). */
  pendingNamespaces: ReadonlySet<string>;
  /** Counts objects by apply action (shared by all components; for the summary). */
  count: (action: ApplyAction) => void;
  /** Called after every write to a stack object (apply, hook delete); for ApplyResult.objectWrites. */
  wrote: () => void;
  /**
   * Records hook objects in the inventory before a hook step creates them (not in a dry run).
   * Hooks deleted on success are not part of the inventory's lasting set, so an interrupted
   * run would otherwise leave an untracked copy behind. @default nothing recorded
   */
  recordHooks?: (refs: ObjectRef[]) => Promise<void>;
}

/**
 * Applies a component and waits until it is ready.
 *
 * @param name the component's stack key.
 * @param objects its rendered objects.
 * @param signal aborts applying and waiting (timeout, cancel); its reason heads the error.
 * @throws ComponentFailure (E_FAILED with the failing object's detail, E_TIMEOUT with what
 *   was pending), ConvoyError E_KUBE / E_CONFLICT from the API server.
 */
export async function applyComponent(
  ctx: ComponentContext,
  name: string,
  objects: readonly KubeObject[],
  signal: AbortSignal,
): Promise<void> {
  const phases = planPhases(objects);
  ctx = {
    ...ctx,
    client: withListedReads(
      ctx.client,
      objects.filter((o) => !isHook(o)).map((o) => refOf(o, ctx.clusterScoped)),
    ),
  };
  const waitRefs: ObjectRef[] = [];
  const unchanged = await unchangedUpgrade(ctx, phases);
  for (const phase of phases) {
    throwIfAborted(signal, name, phase);
    if (phase.name === 'pre-hooks' || phase.name === 'post-hooks') {
      if (unchanged) continue;
      const event = hookEvent(phase.name === 'pre-hooks' ? 'pre' : 'post', ctx.mode);
      const hooks = phase.objects.filter((o) => isHookFor(o, event));
      if (hooks.length > 0) await runHookStep(ctx, name, { ...phase, objects: hooks }, event, signal);
      continue;
    }
    const plain = phase.objects.filter((o) => !isHook(o));
    if (plain.length === 0) continue;
    ctx.emit({ type: 'phase-start', component: name, phase: phase.name, objects: plain.length });
    const refs = await applyAll(ctx, name, plain, unchanged);
    waitRefs.push(...refs);
    if (phase.name === 'crds' && !ctx.dryRun) {
      // Custom resources of these CRDs can be applied only once the API server serves them;
      // discovery is refreshed on the next miss (src/kube/discovery.ts).
      await waitForCurrent(ctx.client, refs, waitOptions(ctx, name, signal));
    }
  }
  if (!ctx.dryRun) await waitForCurrent(ctx.client, waitRefs, waitOptions(ctx, name, signal));
}

function waitOptions(ctx: ComponentContext, component: string, signal: AbortSignal) {
  return {
    component,
    signal,
    ...(ctx.statusOptions ? { statusOptions: ctx.statusOptions } : {}),
    onStatus: (ref: ObjectRef, r: StatusResult) =>
      ctx.emit({
        type: 'object-status',
        component,
        ref,
        status: r.status,
        message: r.message,
        ...(r.reason ? { reason: r.reason } : {}),
      }),
  };
}

/** Applies objects in parallel (bounded); resolves with their refs once all are applied. */
async function applyAll(
  ctx: ComponentContext,
  component: string,
  objects: readonly KubeObject[],
  known?: ReadonlyMap<KubeObject, ObjectChange>,
): Promise<ObjectRef[]> {
  const limit = pLimit(ctx.objectConcurrency);
  const results = await Promise.allSettled(
    objects.map((o) => limit(() => applyObject(ctx, component, o, known?.get(o)))),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<ObjectRef>).value);
}

/**
 * Applies one object: dry run and compare first, then a real apply only when something
 * changes. Emits `object-apply`.
 */
export async function applyObject(
  ctx: ComponentContext,
  component: string,
  obj: KubeObject,
  known?: ObjectChange,
): Promise<ObjectRef> {
  const ref = refOf(obj, ctx.clusterScoped);
  const change = known ?? (await diffFor(ctx, obj, ref));
  const action = await commit(ctx, change);
  ctx.count(action);
  ctx.emit({ type: 'object-apply', component, ref, action, dryRun: ctx.dryRun });
  return ref;
}

function diffFor(ctx: ComponentContext, obj: KubeObject, ref: ObjectRef): Promise<ObjectChange> {
  return diffObject(ctx.client, obj, ref, {
    fieldManager: ctx.fieldManager,
    force: ctx.forceConflicts,
    ownership: ctx.ownership,
    pendingKinds: ctx.dryRun ? ctx.pendingKinds : new Set(),
    pendingNamespaces: ctx.dryRun ? ctx.pendingNamespaces : new Set(),
    skipDryRunOnCreate: !ctx.dryRun,
  });
}

/**
 * An upgrade whose objects would all stay unchanged runs no hooks: re-applying an unchanged
 * stack makes no writes at all. (Helm runs pre-/post-upgrade hooks on every upgrade; convoy
 * runs them when the component changes.) Returns the dry-run results to reuse when the
 * component is unchanged and has upgrade hooks; undefined otherwise (install, dry run, no
 * hooks, or something changes).
 */
async function unchangedUpgrade(
  ctx: ComponentContext,
  phases: readonly { name: string; objects: KubeObject[] }[],
): Promise<Map<KubeObject, ObjectChange> | undefined> {
  if (ctx.mode !== 'upgrade' || ctx.dryRun) return undefined;
  const all = phases.flatMap((p) => p.objects);
  if (!all.some(isHook)) return undefined;
  const plain = all.filter((o) => !isHook(o));
  const limit = pLimit(ctx.objectConcurrency);
  const changes = await Promise.all(
    plain.map((o) => limit(async () => [o, await diffFor(ctx, o, refOf(o, ctx.clusterScoped))] as const)),
  );
  return changes.every(([, c]) => c.action === 'unchanged') ? new Map(changes) : undefined;
}

async function commit(ctx: ComponentContext, change: ObjectChange): Promise<ApplyAction> {
  switch (change.action) {
    case 'exists-not-owned':
      throw new ConvoyError(
        'E_CONFLICT',
        `${refText(change.ref)} exists and is not owned by this stack: ${change.detail}`,
        {
          fix: 'Adopt it with --adopt, or rename or remove it.',
        },
      );
    case 'conflict':
      throw new ConvoyError('E_CONFLICT', `apply ${refText(change.ref)} conflicts: ${change.detail}`, {
        fix: 'Re-run with --force-conflicts to take ownership of these fields.',
      });
    case 'unchanged':
      return 'unchanged';
    case 'create':
    case 'update':
      if (!ctx.dryRun) {
        await ctx.client.apply(change.desired, { fieldManager: ctx.fieldManager, force: ctx.forceConflicts });
        ctx.wrote();
      }
      return change.action === 'create' ? 'created' : 'configured';
  }
}

/**
 * One weight of Helm hooks (helm `pkg/action/hooks.go` execHook): delete old copies
 * (before-hook-creation), apply, wait until each is Current (a Job: complete), then delete
 * by policy (hook-succeeded / hook-failed). Dry run: only the apply's dry run.
 */
async function runHookStep(
  ctx: ComponentContext,
  component: string,
  phase: Phase,
  event: HookEvent,
  signal: AbortSignal,
): Promise<void> {
  const weight = phase.weight ?? 0;
  ctx.emit({ type: 'phase-start', component, phase: phase.name, weight, objects: phase.objects.length });
  const hooks = phase.objects.map((obj) => ({
    obj,
    ref: refOf(obj, ctx.clusterScoped),
    info: hookInfo(obj) ?? { events: [event], weight, deletePolicies: new Set() },
  }));
  const hookEvt = (ref: ObjectRef, action: 'deleted-before' | 'applied' | 'succeeded' | 'failed' | 'deleted-after') =>
    ctx.emit({ type: 'hook', component, ref, hook: event, weight, action });

  if (ctx.dryRun) {
    await applyAll(
      ctx,
      component,
      hooks.map((h) => h.obj),
    );
    return;
  }
  await ctx.recordHooks?.(hooks.map((h) => h.ref));
  const recreate = hooks.filter((h) => h.info.deletePolicies.has('before-hook-creation'));
  const existing = (
    await Promise.all(
      recreate.map(async (h) => {
        const deleted = await ctx.client.delete(h.ref, { propagationPolicy: 'Foreground' });
        if (deleted) ctx.wrote();
        return deleted ? h.ref : undefined;
      }),
    )
  ).filter((r): r is ObjectRef => r !== undefined);
  if (existing.length > 0) {
    await waitForGone(ctx.client, existing, { signal });
    for (const ref of existing) hookEvt(ref, 'deleted-before');
  }
  const refs = await applyAll(
    ctx,
    component,
    hooks.map((h) => h.obj),
  );
  for (const ref of refs) hookEvt(ref, 'applied');
  try {
    await waitForCurrent(ctx.client, refs, waitOptions(ctx, component, signal));
  } catch (err) {
    for (const h of hooks) hookEvt(h.ref, 'failed');
    await deleteByPolicy(ctx, hooks, 'hook-failed', hookEvt, signal);
    throw err;
  }
  for (const h of hooks) hookEvt(h.ref, 'succeeded');
  await deleteByPolicy(ctx, hooks, 'hook-succeeded', hookEvt, signal);
}

async function deleteByPolicy(
  ctx: ComponentContext,
  hooks: { ref: ObjectRef; info: { deletePolicies: Set<string> } }[],
  policy: 'hook-succeeded' | 'hook-failed',
  hookEvt: (ref: ObjectRef, action: 'deleted-after') => void,
  signal: AbortSignal,
): Promise<void> {
  const deleted: ObjectRef[] = [];
  await Promise.all(
    hooks
      .filter((h) => h.info.deletePolicies.has(policy))
      .map(async (h) => {
        // Foreground, so a hook Job's pods go with it (Helm deletes hooks the same way).
        if (await ctx.client.delete(h.ref, { propagationPolicy: 'Foreground' })) {
          ctx.wrote();
          deleted.push(h.ref);
        }
      }),
  );
  // Gone before the component counts as done: the inventory drops hooks deleted on success
  // at the end of the apply, and a still-terminating copy must not outlive that untracked.
  if (deleted.length > 0 && policy === 'hook-succeeded') await waitForGone(ctx.client, deleted, { signal });
  for (const ref of deleted) hookEvt(ref, 'deleted-after');
}

function throwIfAborted(signal: AbortSignal, component: string, phase: Phase): void {
  if (!signal.aborted) return;
  const reason = signal.reason;
  const where = `while component "${component}" was at phase ${phase.name}`;
  if (reason instanceof ConvoyError)
    throw new ConvoyError(reason.code, `${reason.message} (${where})`, { cause: reason });
  throw new ConvoyError('E_FAILED', `cancelled ${where}`, { cause: reason });
}
