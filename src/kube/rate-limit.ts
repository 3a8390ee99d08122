/**
 * Client-side rate limit: a token bucket of `qps` tokens per second holding at most
 * `burst` (client-go `util/flowcontrol` tokenBucketRateLimiter). Requests reserve a
 * token and wait until it is due, so concurrent callers queue fairly in call order.
 */
import { sleep } from './retry.ts';

/** A token bucket. Time in milliseconds from an injectable clock. */
export class TokenBucket {
  readonly qps: number;
  readonly burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  /**
   * @param qps tokens per second; `0`, negative or `Infinity` disables the limit.
   * @param burst bucket size (at least 1); the bucket starts full.
   * @param now clock in ms; default `performance.now`.
   */
  constructor(qps: number, burst: number, now: () => number = () => performance.now()) {
    this.qps = qps;
    this.burst = Math.max(1, burst);
    this.#now = now;
    this.#tokens = this.burst;
    this.#last = now();
  }

  /** True when the bucket never delays. */
  get unlimited(): boolean {
    return !(this.qps > 0) || this.qps === Infinity;
  }

  /**
   * Takes one token now, possibly going into debt, and returns how many milliseconds
   * the caller must wait before using it (0 when a token was available).
   */
  reserve(): number {
    if (this.unlimited) return 0;
    const now = this.#now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) * this.qps) / 1000);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens * 1000) / this.qps;
  }

  /** Waits for a token. Rejects when `signal` aborts (the token stays spent). */
  async take(signal?: AbortSignal): Promise<void> {
    const ms = this.reserve();
    if (ms > 0) await sleep(ms, signal);
  }
}
