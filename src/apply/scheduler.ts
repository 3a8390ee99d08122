/**
 * The component scheduler: a DAG scheduler, not wave barriers. Each component starts as
 * soon as every component it needs is ready, up to a concurrency limit; a failure skips
 * exactly the components that need the failed one (transitively) while independent branches
 * go on. Pure orchestration over an injected `run` function, so it is tested without a
 * cluster (test/unit/apply-scheduler.test.ts).
 *
 * (Helmfile runs whole waves with barriers, `pkg/state/state_run.go`; Garden's graph solver
 * starts a task when its dependencies are done, `core/src/graph/solver.ts`. convoy does the
 * latter.)
 */
import { ConvoyError } from '../errors.ts';
import { computeWaves } from '../plan/graph.ts';

/** A component as the scheduler sees it. */
export interface ScheduleNode {
  name: string;
  /** Names of components that must be ready first. Every name must be a node. */
  needs: readonly string[];
  /** Time for this component from start to ready, in seconds. Default: no per-component limit. */
  timeoutSeconds?: number;
}

/**
 * Deploys one component and resolves when it is ready; rejects (with a ConvoyError,
 * ideally) when it failed. It must stop promptly when `signal` aborts (per-component
 * timeout, overall timeout, cancellation) and should then reject with an error that says
 * what was still pending; `signal.reason` is a ConvoyError (`E_TIMEOUT` or `E_FAILED`)
 * it can use as the headline.
 */
export type RunComponent = (name: string, signal: AbortSignal) => Promise<void>;

export interface ScheduleOptions {
  /** Components deployed at once. Default 4. Must be an integer ≥ 1. */
  concurrency?: number;
  /** Time for the whole run, in seconds. Default: none. When it passes, running components are aborted and pending ones skipped. */
  timeoutSeconds?: number;
  /** Cancels the run like the overall timeout does. */
  signal?: AbortSignal;
  /**
   * After a component's signal aborts, how long to wait for its `run` to settle (with its own,
   * more telling error) before the scheduler records `signal.reason` and moves on. Milliseconds,
   * default 5000.
   */
  abortGraceMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Called as the run progresses, in order. Listeners must not throw. */
export interface ScheduleListener {
  onStart?(name: string): void;
  onReady?(name: string, durationMs: number): void;
  onFailed?(name: string, error: ConvoyError, durationMs: number): void;
  onSkipped?(name: string, reason: SkipReason, because: string[]): void;
}

/** Why a component was not started: a need failed or was skipped, or the run was cancelled / timed out. */
export type SkipReason = 'need-failed' | 'cancelled';

export interface ScheduleResult {
  /** Components that became ready, in the order they did. */
  ready: string[];
  /** Components whose run rejected, in the order they did. */
  failed: { name: string; error: ConvoyError }[];
  /** Components never started, in the order they were skipped; `because` lists the failed or skipped needs. */
  skipped: { name: string; reason: SkipReason; because: string[] }[];
  /** Whether the overall timeout or the caller's signal ended the run early. */
  cancelled: boolean;
  durationMs: number;
}

type State = 'pending' | 'running' | 'ready' | 'failed' | 'skipped';

/**
 * Runs every node's component once its needs are ready.
 *
 * Start order among components that could start at the same moment: by name. A component
 * starts synchronously when its last need becomes ready (no polling, no wave barrier).
 *
 * @returns which components became ready, failed or were skipped. It never rejects for a
 *   component failure; it resolves once nothing runs any more.
 * @throws ConvoyError `E_NEEDS`/`E_CYCLE`/`E_DUPLICATE` for a bad graph (from computeWaves),
 *   `E_USAGE` for a bad concurrency or timeout, before anything runs.
 */
export async function schedule(
  nodes: readonly ScheduleNode[],
  run: RunComponent,
  options: ScheduleOptions = {},
  listener: ScheduleListener = {},
): Promise<ScheduleResult> {
  computeWaves(nodes);
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConvoyError('E_USAGE', `concurrency must be a whole number of at least 1, got ${concurrency}`, {
      expected: 'an integer ≥ 1',
      fix: 'Pass --concurrency 1 or more (default 16).',
    });
  }
  checkTimeout('overall timeout', options.timeoutSeconds);
  for (const n of nodes) checkTimeout(`timeout of component "${n.name}"`, n.timeoutSeconds);
  const now = options.now ?? Date.now;
  const grace = options.abortGraceMs ?? 5000;
  const started = now();

  const byName = new Map(nodes.map((n) => [n.name, n]));
  const names = [...byName.keys()].sort();
  const state = new Map<string, State>(names.map((n) => [n, 'pending']));
  const result: ScheduleResult = { ready: [], failed: [], skipped: [], cancelled: false, durationMs: 0 };

  const overall = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const cancel = (reason: ConvoyError): void => {
    if (overall.signal.aborted) return;
    result.cancelled = true;
    overall.abort(reason);
  };
  const onCallerAbort = (): void =>
    cancel(
      options.signal?.reason instanceof ConvoyError
        ? options.signal.reason
        : new ConvoyError('E_FAILED', 'the deployment was cancelled', { cause: options.signal?.reason }),
    );
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.timeoutSeconds !== undefined) {
    const seconds = options.timeoutSeconds;
    timers.push(
      setTimeout(
        () =>
          cancel(
            new ConvoyError('E_TIMEOUT', `the deployment did not finish within ${seconds}s (overall timeout)`, {
              fix: 'Raise --timeout, or look at the components still in progress.',
            }),
          ),
        seconds * 1000,
      ),
    );
  }

  let running = 0;
  let finish: (r: ScheduleResult) => void = () => undefined;
  const done = new Promise<ScheduleResult>((resolve) => (finish = resolve));

  const skipWhereNeedsFailed = (): void => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const name of names) {
        if (state.get(name) !== 'pending') continue;
        const node = byName.get(name) as ScheduleNode;
        const because = [...new Set(node.needs)]
          .filter((need) => state.get(need) === 'failed' || state.get(need) === 'skipped')
          .sort();
        if (because.length === 0) continue;
        state.set(name, 'skipped');
        result.skipped.push({ name, reason: 'need-failed', because });
        listener.onSkipped?.(name, 'need-failed', because);
        changed = true;
      }
    }
  };

  const pump = (): void => {
    if (overall.signal.aborted) {
      for (const name of names) {
        if (state.get(name) !== 'pending') continue;
        state.set(name, 'skipped');
        result.skipped.push({ name, reason: 'cancelled', because: [] });
        listener.onSkipped?.(name, 'cancelled', []);
      }
    } else {
      skipWhereNeedsFailed();
      for (const name of names) {
        if (running >= concurrency) break;
        if (state.get(name) !== 'pending') continue;
        const node = byName.get(name) as ScheduleNode;
        if (node.needs.every((need) => state.get(need) === 'ready')) start(node);
      }
    }
    if (running === 0 && ![...state.values()].includes('pending')) {
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onCallerAbort);
      result.durationMs = now() - started;
      finish(result);
    }
  };

  const start = (node: ScheduleNode): void => {
    running += 1;
    state.set(node.name, 'running');
    const t0 = now();
    listener.onStart?.(node.name);
    runOne(node, run, overall.signal, grace)
      .then(
        () => {
          state.set(node.name, 'ready');
          result.ready.push(node.name);
          listener.onReady?.(node.name, now() - t0);
        },
        (err: unknown) => {
          const error = toConvoyError(err, node.name);
          state.set(node.name, 'failed');
          result.failed.push({ name: node.name, error });
          listener.onFailed?.(node.name, error, now() - t0);
        },
      )
      .finally(() => {
        running -= 1;
        pump();
      });
  };

  pump();
  return done;
}

/** Runs one component under its own timeout, linked to the overall signal. */
async function runOne(node: ScheduleNode, run: RunComponent, overall: AbortSignal, graceMs: number): Promise<void> {
  const own = new AbortController();
  const signal = AbortSignal.any([overall, own.signal]);
  let timer: NodeJS.Timeout | undefined;
  if (node.timeoutSeconds !== undefined) {
    const seconds = node.timeoutSeconds;
    timer = setTimeout(
      () =>
        own.abort(
          new ConvoyError('E_TIMEOUT', `component "${node.name}" did not become ready within ${seconds}s`, {
            fix: `Look at what was still pending; raise timeoutSeconds of "${node.name}" if it is only slow.`,
          }),
        ),
      seconds * 1000,
    );
  }
  let graceTimer: NodeJS.Timeout | undefined;
  let afterAbort: () => void = () => undefined;
  const abandoned = new Promise<never>((_, reject) => {
    afterAbort = (): void => {
      graceTimer = setTimeout(() => reject(signal.reason), graceMs);
    };
  });
  abandoned.catch(() => undefined);
  if (signal.aborted) afterAbort();
  else signal.addEventListener('abort', afterAbort, { once: true });
  try {
    await Promise.race([run(node.name, signal), abandoned]);
    // A run that resolves after its signal aborted (it ignored the signal) still counts as
    // failed: the timeout passed before it was ready.
    if (signal.aborted) throw signal.reason;
  } finally {
    signal.removeEventListener('abort', afterAbort);
    clearTimeout(timer);
    clearTimeout(graceTimer);
  }
}

function toConvoyError(err: unknown, component: string): ConvoyError {
  if (err instanceof ConvoyError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ConvoyError('E_INTERNAL', `component "${component}" failed: ${message}`, { cause: err });
}

function checkTimeout(what: string, seconds: number | undefined): void {
  if (seconds === undefined) return;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConvoyError('E_USAGE', `${what} must be a positive number of seconds, got ${seconds}`, {
      expected: 'seconds > 0',
      fix: 'Give a positive timeout in seconds.',
    });
  }
}
