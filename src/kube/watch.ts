/**
 * List-then-watch of one kind (client-go `tools/cache/reflector.go`): LIST for a
 * consistent snapshot and its resourceVersion, WATCH from there with bookmarks, re-watch
 * from the last seen resourceVersion when the server closes the stream, re-LIST on
 * 410 Gone (the resourceVersion was compacted away), back off on network errors.
 */
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { KubeObject } from '../objects/types.ts';
import {
  classifyError,
  isStatus,
  KubeHttpError,
  RequestTimeoutError,
  toConvoyError,
  type KubeStatus,
} from './errors.ts';
import type { RequestContext } from './errors.ts';
import { backoffDelay, sleep } from './retry.ts';
import type { WatchEvent } from './types.ts';

/** What {@link runWatch} needs from the client. */
export interface WatchSource {
  /** A full LIST (all pages): items with apiVersion/kind set, and the list's resourceVersion. */
  list(signal: AbortSignal): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** Opens `?watch=1` with these query parameters; resolves once the server answered 200. */
  open(query: Record<string, string>, signal: AbortSignal): Promise<Readable>;
  /** For messages and error classification. */
  context: RequestContext;
  /** Consecutive failed attempts allowed before giving up. */
  maxRetries: number;
}

/** Key of an object in a watch cache: `namespace/name`. */
function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

function rvOf(o: KubeObject): string | undefined {
  const rv = o.metadata['resourceVersion'];
  return typeof rv === 'string' ? rv : undefined;
}

/**
 * Events that bring a consumer who saw `known` up to date with a fresh LIST: ADDED for
 * new objects, MODIFIED for changed resourceVersions, DELETED for vanished ones (in
 * that order, each group in list order / key order). Updates `known` in place. Pure
 * apart from that.
 */
export function relistEvents(known: Map<string, KubeObject>, items: KubeObject[]): WatchEvent[] {
  const out: WatchEvent[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    seen.add(key);
    const before = known.get(key);
    if (!before) out.push({ type: 'ADDED', object: item });
    else if (rvOf(before) !== rvOf(item)) out.push({ type: 'MODIFIED', object: item });
    known.set(key, item);
  }
  for (const key of [...known.keys()].sort()) {
    if (seen.has(key)) continue;
    out.push({ type: 'DELETED', object: known.get(key) as KubeObject });
    known.delete(key);
  }
  return out;
}

/** Thrown around an error of the caller's onEvent so that it is not retried. */
class CallbackFailure {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

/**
 * Runs the watch until `signal` aborts (then resolves). `onEvent` gets the initial objects
 * as ADDED, then every change; BOOKMARK events only move the resourceVersion and are not
 * passed on. An error thrown by onEvent ends the watch with that error.
 *
 * @throws ConvoyError E_KUBE on a terminal failure (403, unknown resource...) or after
 *   `maxRetries` consecutive retryable failures.
 */
export async function runWatch(
  source: WatchSource,
  onEvent: (e: WatchEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const known = new Map<string, KubeObject>();
  const emit = (e: WatchEvent): void => {
    try {
      onEvent(e);
    } catch (err) {
      throw new CallbackFailure(err);
    }
  };
  let rv: string | undefined;
  let failures = 0;
  while (!signal.aborted) {
    try {
      if (rv === undefined) {
        const { items, resourceVersion } = await source.list(signal);
        for (const e of relistEvents(known, items)) emit(e);
        rv = resourceVersion;
      }
      // Server-side timeout 5–10 min, jittered like client-go's reflector, so watches spread out.
      const timeoutSeconds = 300 + Math.floor(Math.random() * 300);
      const query = {
        watch: '1',
        resourceVersion: rv,
        allowWatchBookmarks: 'true',
        timeoutSeconds: `${timeoutSeconds}`,
      };
      const stream = await source.open(query, signal);
      failures = 0;
      const result = await consume(stream, timeoutSeconds, (type, object) => {
        const next = rvOf(object);
        if (next) rv = next;
        if (type === 'BOOKMARK') return;
        if (type === 'DELETED') known.delete(keyOf(object));
        else known.set(keyOf(object), object);
        emit({ type, object });
      });
      if (result === 'gone') rv = undefined;
    } catch (err) {
      if (err instanceof CallbackFailure) throw err.error;
      if (signal.aborted) break;
      if (isStatus(err, 410)) {
        rv = undefined;
        continue;
      }
      const c = classifyError(err, source.context);
      if (!c.retry || failures >= source.maxRetries) throw toConvoyError(err, source.context);
      try {
        await sleep(backoffDelay(failures++, {}, c.retryAfterSeconds), signal);
      } catch {
        break;
      }
    }
  }
}

/**
 * Reads watch events line by line until the stream ends. Resolves `'gone'` on an ERROR
 * event with code 410, `'closed'` at the end; raises other ERROR events as KubeHttpError.
 * A stream silent for longer than the server timeout plus 60 s is destroyed (a dead proxy).
 */
async function consume(
  stream: Readable,
  timeoutSeconds: number,
  handle: (type: WatchEvent['type'], object: KubeObject) => void,
): Promise<'gone' | 'closed'> {
  const idleMs = (timeoutSeconds + 60) * 1000;
  const timer = setTimeout(() => stream.destroy(new RequestTimeoutError(idleMs)), idleMs);
  stream.on('data', () => {
    timer.refresh();
  });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let ev: { type?: string; object?: unknown };
      try {
        ev = JSON.parse(line) as { type?: string; object?: unknown };
      } catch {
        continue;
      }
      if (ev.type === 'ERROR') {
        const status = ev.object as KubeStatus | undefined;
        if (status?.code === 410) return 'gone';
        throw new KubeHttpError(status?.code ?? 500, status);
      }
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED' || ev.type === 'BOOKMARK') {
        handle(ev.type, ev.object as KubeObject);
      }
    }
    return 'closed';
  } finally {
    clearTimeout(timer);
    lines.close();
    stream.destroy();
  }
}
