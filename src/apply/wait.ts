/**
 * Waiting by watching, not sleeping: one `client.watch` per kind and namespace feeds every
 * change of the awaited objects into `computeStatus` (src/status); workloads also get a
 * watch on their pods (by the workload's selector), because a pod's ImagePullBackOff or
 * CrashLoopBackOff shows nowhere on the Deployment until its progress deadline, minutes later.
 *
 * A wait ends when every object is Current, fails fast when an object (or a pod of a
 * workload) is Failed and `stalled`, and on abort (timeout, cancel) says what was still
 * pending with its last status.
 */
import { isPodSecurityRejection } from '../status/rules/deployment.ts';
import { ConvoyError } from '../errors.ts';
import type { KubeClient, ObjectRef, WatchEvent } from '../kube/types.ts';
import type { KubeObject } from '../objects/types.ts';
import { computeStatus } from '../status/index.ts';
import type { StatusOptions, StatusResult } from '../status/types.ts';
import { ComponentFailure, explain, failedHeadline, selectorString } from './explain.ts';
import { keyOf, refText } from './refs.ts';

/** Kinds whose pods the waiter watches for stalled states, keyed `group/Kind`. */
/** Workloads whose refused pods show only in events (no ReplicaFailure condition). */
const EVENT_FAILURE_KINDS = new Set(['apps/StatefulSet', 'apps/DaemonSet']);

const POD_OWNERS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job']);

export interface WaitOptions {
  /** The component the objects belong to (for messages and errors). */
  component: string;
  /** Ends the wait; its `reason` (a ConvoyError such as the scheduler's E_TIMEOUT) heads the error. */
  signal: AbortSignal;
  /** Passed to computeStatus. */
  statusOptions?: StatusOptions;
  /** Called when an object's status changes (status, reason or message), in order. */
  onStatus?: (ref: ObjectRef, result: StatusResult) => void;
  /** Stop at the first Failed+stalled status (default true). */
  failFast?: boolean;
}

interface Tracked {
  ref: ObjectRef;
  result: StatusResult | undefined;
  live: KubeObject | undefined;
  /** Pods of a workload by name (started once the workload is seen with a selector). */
  pods?: Map<string, KubeObject>;
  /** Whether the workload's events are watched (see startEventWatch). */
  eventsWatched?: boolean;
  /** Set when an event shows the pods are refused for good (Pod Security admission). */
  rejected?: StatusResult;
}

/**
 * Resolves when every object in `refs` is Current.
 *
 * @throws ComponentFailure `E_FAILED` when an object, or a pod of a workload, is Failed and
 *   stalled (with events, pod waiting reasons and a kubectl hint);
 * @throws ComponentFailure with the code of `signal.reason` (`E_TIMEOUT` from the scheduler)
 *   when the signal aborts first, listing each pending object and its last status;
 * @throws ConvoyError `E_KUBE` when a watch fails for good.
 */
export async function waitForCurrent(
  client: KubeClient,
  refs: readonly ObjectRef[],
  options: WaitOptions,
): Promise<void> {
  if (refs.length === 0) return;
  const tracked = new Map<string, Tracked>();
  for (const ref of refs) tracked.set(keyOf(ref), { ref, result: undefined, live: undefined });
  const stop = new AbortController();
  const watchSignal = AbortSignal.any([options.signal, stop.signal]);
  const failFast = options.failFast ?? true;

  let settle: (err?: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    let done = false;
    settle = (err?: unknown): void => {
      if (done) return;
      done = true;
      stop.abort();
      if (err === undefined) resolve();
      else reject(err instanceof Error ? err : new ConvoyError('E_INTERNAL', String(err)));
    };
  });

  /** Fails the wait on `t`: Failed itself, or (with `pod`) one of its pods is. */
  const fail = (t: Tracked, pod?: KubeObject): void => {
    stop.abort();
    void (async () => {
      const detail = await explain(client, t.ref, t.result, t.live, pod);
      settle(new ComponentFailure('E_FAILED', options.component, failedHeadline(detail), detail));
    })();
  };

  const evaluate = (): void => {
    if (stop.signal.aborted) return;
    let allCurrent = true;
    for (const t of tracked.values()) {
      if (t.result?.status !== 'Current') allCurrent = false;
      if (failFast && t.result?.status === 'Failed' && t.result.stalled) return fail(t);
      if (failFast && t.pods && t.result?.status !== 'Current') {
        for (const pod of t.pods.values()) {
          const s = computeStatus(pod, options.statusOptions);
          if (s.status === 'Failed' && s.stalled) return fail(t, pod);
        }
      }
    }
    if (allCurrent) settle();
  };

  const onObject = (t: Tracked, e: WatchEvent): void => {
    const live = e.type === 'DELETED' ? undefined : e.object;
    t.live = live;
    const result = computeStatus(live, options.statusOptions);
    if (!sameResult(t.result, result)) {
      t.result = result;
      options.onStatus?.(t.ref, result);
    }
    if (t.rejected) t.result = t.rejected;
    if (live && !t.pods && POD_OWNERS.has(groupKind(t.ref))) startPodWatch(t, live);
    if (live && !t.eventsWatched && EVENT_FAILURE_KINDS.has(groupKind(t.ref))) startEventWatch(t);
    evaluate();
  };

  /**
   * StatefulSets and DaemonSets create pods themselves and have no condition for a refused
   * pod: a Pod Security rejection shows only as a FailedCreate event on the workload. Such a
   * rejection is final for this pod template, so it fails the wait at once.
   */
  const startEventWatch = (t: Tracked): void => {
    if (!t.ref.namespace) return;
    t.eventsWatched = true;
    watch(
      'v1',
      'Event',
      (e) => {
        const ev = e.object as KubeObject & { reason?: string; message?: string };
        if (e.type === 'DELETED' || ev.reason !== 'FailedCreate' || !isPodSecurityRejection(ev.message)) return;
        t.rejected = { status: 'Failed', reason: 'PodSecurity', message: ev.message ?? '', stalled: true };
        t.result = t.rejected;
        options.onStatus?.(t.ref, t.rejected);
        evaluate();
      },
      {
        namespace: t.ref.namespace,
        fieldSelector: `involvedObject.kind=${t.ref.kind},involvedObject.name=${t.ref.name}`,
      },
    );
  };

  const startPodWatch = (t: Tracked, live: KubeObject): void => {
    const selector = selectorString(live.spec);
    if (!selector || !t.ref.namespace) return;
    const pods = new Map<string, KubeObject>();
    t.pods = pods;
    watch(
      'v1',
      'Pod',
      (e) => {
        const name = e.object.metadata.name ?? '';
        if (e.type === 'DELETED' || e.object.metadata['deletionTimestamp']) pods.delete(name);
        else pods.set(name, e.object);
        evaluate();
      },
      { namespace: t.ref.namespace, labelSelector: selector },
    );
  };

  const watch = (
    apiVersion: string,
    kind: string,
    onEvent: (e: WatchEvent) => void,
    opts: { namespace?: string; fieldSelector?: string; labelSelector?: string },
  ): void => {
    client.watch(apiVersion, kind, onEvent, { ...opts, signal: watchSignal }).catch((err: unknown) => settle(err));
  };

  // One watch per apiVersion/kind/namespace; by name when it is the only object of its group.
  const groups = new Map<string, Tracked[]>();
  for (const t of tracked.values()) {
    const key = `${t.ref.apiVersion}|${t.ref.kind}|${t.ref.namespace ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const members of groups.values()) {
    const first = members[0] as Tracked;
    const byName = new Map(members.map((t) => [t.ref.name, t]));
    const opts: { namespace?: string; fieldSelector?: string } = {};
    if (first.ref.namespace) opts.namespace = first.ref.namespace;
    if (members.length === 1) opts.fieldSelector = `metadata.name=${first.ref.name}`;
    watch(
      first.ref.apiVersion,
      first.ref.kind,
      (e) => {
        const t = byName.get(e.object.metadata.name ?? '');
        if (t) onObject(t, e);
      },
      opts,
    );
  }

  const onAbort = (): void => {
    if (stop.signal.aborted) return;
    stop.abort();
    void (async () => settle(await pendingError(client, options.component, tracked, options.signal.reason)))();
  };
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await finished;
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

/**
 * The error of an aborted wait: the abort reason's headline, then each object not Current
 * with its last status, then the explanation of the first one.
 */
async function pendingError(
  client: KubeClient,
  component: string,
  tracked: Map<string, Tracked>,
  reason: unknown,
): Promise<ConvoyError> {
  const code = reason instanceof ConvoyError ? reason.code : 'E_FAILED';
  const headline =
    reason instanceof ConvoyError ? reason.message : `waiting for component "${component}" was cancelled`;
  const pending = [...tracked.values()].filter((t) => t.result?.status !== 'Current');
  const list = pending.map(
    (t) => `${refText(t.ref)} (${t.result ? `${t.result.status}: ${t.result.message}` : 'not observed yet'})`,
  );
  const first = pending[0];
  if (!first) return new ComponentFailure(code, component, headline, undefined, { cause: reason });
  const detail = await explain(client, first.ref, first.result, first.live);
  return new ComponentFailure(code, component, `${headline}; still pending: ${list.join(', ')}`, detail, {
    cause: reason,
  });
}

function groupKind(ref: ObjectRef): string {
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  return `${group}/${ref.kind}`;
}

function sameResult(a: StatusResult | undefined, b: StatusResult): boolean {
  return a !== undefined && a.status === b.status && a.message === b.message && a.reason === b.reason;
}

/**
 * Resolves when every object in `refs` is gone (a watch sees it DELETED, or a read finds
 * nothing). Objects already gone resolve at once.
 *
 * The watch API does not say when its initial listing is done, so an object deleted between
 * the first read and the watch's listing would never show a DELETED event: a read every few
 * seconds (1 s, doubling to 8 s) closes that gap.
 *
 * @throws ConvoyError (the code of `signal.reason`, E_TIMEOUT from callers) when the signal
 *   aborts first, naming what is still there and its status (e.g. Terminating with finalizers).
 */
export async function waitForGone(
  client: KubeClient,
  refs: readonly ObjectRef[],
  options: { signal: AbortSignal; onStatus?: (ref: ObjectRef, result: StatusResult) => void },
): Promise<void> {
  const left = new Map<string, { ref: ObjectRef; last: KubeObject | undefined }>();
  await Promise.all(
    refs.map(async (ref) => {
      const live = await client.get(ref);
      if (live) left.set(keyOf(ref), { ref, last: live });
    }),
  );
  if (left.size === 0) return;
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  let settle: (err?: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    settle = (err?: unknown) => {
      stop.abort();
      if (err === undefined) resolve();
      else reject(err);
    };
  });
  const gone = (key: string): void => {
    const entry = left.get(key);
    if (!entry) return;
    left.delete(key);
    options.onStatus?.(entry.ref, { status: 'NotFound', message: 'deleted' });
    if (left.size === 0) settle();
  };
  for (const [key, entry] of left) {
    const opts = {
      signal,
      fieldSelector: `metadata.name=${entry.ref.name}`,
      ...(entry.ref.namespace ? { namespace: entry.ref.namespace } : {}),
    };
    client
      .watch(
        entry.ref.apiVersion,
        entry.ref.kind,
        (e) => {
          if (e.type === 'DELETED') gone(key);
          else entry.last = e.object;
        },
        opts,
      )
      .catch((err: unknown) => settle(err));
  }
  void (async () => {
    for (let delay = 1000; !signal.aborted; delay = Math.min(delay * 2, 8000)) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
      });
      if (signal.aborted) return;
      for (const [key, entry] of [...left]) {
        try {
          if (!(await client.get(entry.ref))) gone(key);
        } catch {
          // The watch reports lasting failures.
        }
      }
    }
  })();
  const onAbort = (): void => {
    const still = [...left.values()].map((e) => {
      const s = computeStatus(e.last);
      return `${refText(e.ref)} (${s.status}: ${s.message})`;
    });
    const reason = options.signal.reason;
    const code = reason instanceof ConvoyError ? reason.code : 'E_FAILED';
    const head = reason instanceof ConvoyError ? reason.message : 'deleting was cancelled';
    settle(new ConvoyError(code, `${head}; still there: ${still.join(', ')}`, { cause: reason }));
  };
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await finished;
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}
