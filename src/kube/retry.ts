/**
 * Retry with exponential backoff and full jitter, honouring the server's Retry-After
 * (client-go `rest/request.go` + `util/flowcontrol/backoff.go`; AWS "full jitter").
 */
import { classifyError, toConvoyError, type RequestContext } from './errors.ts';

/** Backoff shape. All durations in milliseconds. */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Default 200 ms. */
  baseMs?: number;
  /** Upper bound of any delay (also caps Retry-After). Default 5000 ms. */
  maxMs?: number;
  /** Random source in [0, 1); default Math.random. Injected by tests. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): a random value in
 * [d/2, d] where d = min(maxMs, baseMs * 2^attempt) ("equal jitter": never zero, never
 * above the cap). When the server sent Retry-After (`retryAfterSeconds`), that wins,
 * capped at maxMs.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, retryAfterSeconds?: number): number {
  const baseMs = options.baseMs ?? 200;
  const maxMs = options.maxMs ?? 5000;
  if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0) return Math.min(maxMs, retryAfterSeconds * 1000);
  const d = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  const random = options.random ?? Math.random;
  return Math.round(d / 2 + random() * (d / 2));
}

/**
 * Parses a Retry-After header: delta seconds (`"3"`) or an HTTP date. Returns seconds
 * (≥ 0), or undefined when absent or unparseable. `now` in ms since the epoch.
 */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now) / 1000));
}

/** Options of {@link withRetry}. */
export interface RetryOptions extends BackoffOptions {
  /** Retries after the first attempt. Default 5. */
  maxRetries?: number;
  /** What the request does, for classification and messages. */
  context: RequestContext;
  /** Stops waiting between attempts. */
  signal?: AbortSignal;
  /** Sleep function (ms), injectable by tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Sleeps `ms` milliseconds; rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails terminally, or retries run out; retryability
 * comes from {@link classifyError}. Failures are raised as ConvoyError (E_KUBE / E_CONFLICT).
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const maxRetries = options.maxRetries ?? 5;
  const wait = options.sleep ?? sleep;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (options.signal?.aborted) throw err;
      const c = classifyError(err, options.context);
      if (!c.retry || n >= maxRetries) throw toConvoyError(err, options.context);
      await wait(backoffDelay(n, options, c.retryAfterSeconds), options.signal);
    }
  }
}
