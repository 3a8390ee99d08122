/** Request counting for {@link KubeClient.stats}: every HTTP request, retries included. */
import type { RequestStats } from './types.ts';

/** Verbs that change state (when not a dry run). */
const WRITE_VERBS = new Set(['create', 'update', 'apply', 'patch', 'delete']);

/** Mutable request counters. Verbs: get, list, watch, create, update, apply, delete, discovery. */
export class StatsCounter {
  #total = 0;
  #writes = 0;
  readonly #byVerb = new Map<string, number>();

  /** Counts one request; `dryRun` writes are not counted as writes. */
  record(verb: string, dryRun = false): void {
    this.#total++;
    this.#byVerb.set(verb, (this.#byVerb.get(verb) ?? 0) + 1);
    if (WRITE_VERBS.has(verb) && !dryRun) this.#writes++;
  }

  /** A snapshot (a fresh object, verbs sorted). */
  snapshot(): RequestStats {
    const byVerb: Record<string, number> = {};
    for (const verb of [...this.#byVerb.keys()].sort()) byVerb[verb] = this.#byVerb.get(verb) ?? 0;
    return { total: this.#total, byVerb, writes: this.#writes };
  }
}
