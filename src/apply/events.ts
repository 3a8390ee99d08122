/**
 * The typed event stream of apply, destroy and status (after cli-utils
 * `pkg/apply/event/event.go`). The library emits these and returns data; only the CLI
 * prints. The same events feed the terminal progress view, `--output json` and later a web
 * dashboard, so every field is plain JSON (no Error objects, no class instances).
 *
 * Every event carries `time`, the wall clock in milliseconds since the epoch when it was
 * emitted, so consumers (and tests) can order and time them.
 */
import type { ErrorCode } from '../errors.ts';
import type { ObjectRef } from '../kube/types.ts';
import type { PhaseName, Waves } from '../plan/types.ts';
import type { Status } from '../status/types.ts';

/** Fields every event has. */
export interface EventBase {
  /** Milliseconds since the epoch (`Date.now()`) when the event was emitted. */
  time: number;
}

/** First event of an apply: what is about to happen. */
export interface InitEvent extends EventBase {
  type: 'init';
  stack: string;
  environment: string | undefined;
  /** The component graph's waves (for display; the scheduler does not wait for whole waves). */
  waves: Waves;
  /** Each component with its needs and number of rendered objects. */
  components: { name: string; needs: string[]; objects: number }[];
  /** Rendered objects in the whole stack. */
  objects: number;
  dryRun: boolean;
}

/** A component's needs are all ready (or it has none) and it starts applying. */
export interface ComponentStartEvent extends EventBase {
  type: 'component-start';
  component: string;
  /** `install` when the component is not in the inventory yet, else `upgrade` (picks the Helm hooks). */
  mode: 'install' | 'upgrade';
}

/** A component starts one of its apply phases (src/plan/types.ts PHASES). */
export interface PhaseStartEvent extends EventBase {
  type: 'phase-start';
  component: string;
  phase: PhaseName;
  /** Helm hook weight, for the hook phases. */
  weight?: number;
  /** Objects in this phase step. */
  objects: number;
}

/** How server-side apply changed an object. */
export type ApplyAction = 'created' | 'configured' | 'unchanged';

/** One object was applied (or found unchanged, in which case no write was sent). */
export interface ObjectApplyEvent extends EventBase {
  type: 'object-apply';
  component: string;
  ref: ObjectRef;
  action: ApplyAction;
  /** True when this was a server-side dry run: nothing was persisted. */
  dryRun: boolean;
}

/** The status of an object being waited for changed (computeStatus, src/status). */
export interface ObjectStatusEvent extends EventBase {
  type: 'object-status';
  component: string;
  ref: ObjectRef;
  status: Status;
  message: string;
  reason?: string;
}

/** Every object of the component is Current. */
export interface ComponentReadyEvent extends EventBase {
  type: 'component-ready';
  component: string;
  /** From component-start to ready, in milliseconds. */
  durationMs: number;
}

/** A component failed: an object Failed (stalled), a wait timed out, or a request failed. */
export interface ComponentFailedEvent extends EventBase {
  type: 'component-failed';
  component: string;
  /** convoy's error code: `E_FAILED`, `E_TIMEOUT`, `E_KUBE`, `E_CONFLICT`, ... */
  code: ErrorCode;
  /** The Kubernetes reason when there is one (`ImagePullBackOff`, `BackoffLimitExceeded`), else the code. */
  reason: string;
  /** The whole explanation, several lines (what, last status, events, hint). */
  message: string;
  /** The object that failed, when one did. */
  ref?: ObjectRef;
  /** Recent Kubernetes events of the object and its pods, one line each, oldest first. */
  events: string[];
  /** A command to look further, e.g. `kubectl -n shop describe deployment/web`. */
  hint?: string;
  durationMs: number;
}

/** A component was not started because a need failed (transitively) or the run was cancelled. */
export interface ComponentSkippedEvent extends EventBase {
  type: 'component-skipped';
  component: string;
  /** `need-failed`: one of `because` failed or was skipped; `cancelled`: aborted or overall timeout. */
  reason: 'need-failed' | 'cancelled';
  /** The needs that failed or were skipped (empty when cancelled). */
  because: string[];
}

/** An object that left the stack was pruned (deleted), or would be in a dry run. */
export interface PruneEvent extends EventBase {
  type: 'prune';
  /** The component the inventory recorded it under. */
  component: string;
  ref: ObjectRef;
  /** `deleted`; `kept`: marked long-lived; `skipped`: not ours (ownership annotation differs) or gone. */
  action: 'deleted' | 'kept' | 'skipped';
  /** Why it was kept or skipped. */
  detail?: string;
  dryRun: boolean;
}

/** destroy deleted an object (and it is gone), or kept it. */
export interface DeleteEvent extends EventBase {
  type: 'delete';
  component: string;
  ref: ObjectRef;
  /** `deleted`: gone from the cluster; `kept`: a PVC or `convoy.dev/keep: "true"` (no purge); `skipped`: not ours. */
  action: 'deleted' | 'kept' | 'skipped';
  detail?: string;
  dryRun: boolean;
}

/** Helm hook step (helm.sh/docs/topics/charts_hooks). */
export interface HookEvent extends EventBase {
  type: 'hook';
  component: string;
  ref: ObjectRef;
  /** The hook that ran: `pre-install`, `pre-upgrade`, `post-install`, `post-upgrade`. */
  hook: string;
  weight: number;
  /**
   * `deleted-before`: an old copy deleted first (before-hook-creation); `applied`;
   * `succeeded` / `failed`: the hook finished; `deleted-after`: deleted by hook-succeeded / hook-failed.
   */
  action: 'deleted-before' | 'applied' | 'succeeded' | 'failed' | 'deleted-after';
}

/** Last event of apply / destroy. */
export interface SummaryEvent extends EventBase {
  type: 'summary';
  operation: 'apply' | 'destroy';
  components: { ready: number; failed: number; skipped: number };
  objects: { created: number; configured: number; unchanged: number; pruned: number; deleted: number; kept: number };
  /** Requests that changed state during this operation (client.stats().writes delta), the lock's and the inventory's included. */
  writes: number;
  /**
   * apply: writes to the stack's own objects (applies, prunes, hook deletes), without the
   * lock and inventory writes (ApplyResult.objectWrites): 0 when nothing changed. Absent for destroy.
   */
  objectWrites?: number;
  /** All API requests during this operation. */
  requests: number;
  durationMs: number;
  dryRun: boolean;
}

/** An error that is not a component's failure (lock, inventory, prune). The operation may go on. */
export interface ErrorEvent extends EventBase {
  type: 'error';
  code: ErrorCode;
  message: string;
  component?: string;
  ref?: ObjectRef;
}

/** Everything apply, destroy and status emit. Switch on `type`. */
export type ApplyEvent =
  | InitEvent
  | ComponentStartEvent
  | PhaseStartEvent
  | ObjectApplyEvent
  | ObjectStatusEvent
  | ComponentReadyEvent
  | ComponentFailedEvent
  | ComponentSkippedEvent
  | PruneEvent
  | DeleteEvent
  | HookEvent
  | SummaryEvent
  | ErrorEvent;

/** The event types, for exhaustive switches and filters. */
export type ApplyEventType = ApplyEvent['type'];

/** Receives events. Must not throw; convoy ignores what it returns. */
export type EmitFn = (event: ApplyEvent) => void;

/** An event without its `time`, as producers build it. */
export type EventInput = ApplyEvent extends infer E ? (E extends ApplyEvent ? Omit<E, 'time'> : never) : never;

/**
 * Wraps a consumer's emit function: stamps `time`, and keeps a throwing consumer from
 * breaking a deployment half-way (what it throws is dropped; consumers must not throw).
 */
export function stamper(emit: EmitFn, now: () => number = Date.now): (event: EventInput) => void {
  return (event) => {
    try {
      emit({ ...event, time: now() } as ApplyEvent);
    } catch {
      // A consumer's bug must not abort a deployment half-way.
    }
  };
}

/** `Kind namespace/name` or `Kind name`: how events and errors name an object. */
export function describeRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}
