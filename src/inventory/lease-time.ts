/**
 * Lease timing (coordination.k8s.io/v1 Lease: holderIdentity, acquireTime, renewTime,
 * leaseDurationSeconds). A lease is held until renewTime + leaseDurationSeconds; after
 * that anyone may take it over. Times come from the holders' clocks, so clock skew between
 * machines shifts expiry by the skew (client-go leaderelection avoids this only by observing
 * a lease over time, which a one-shot CLI cannot). Pure.
 */

/** The spec fields of a Lease that convoy reads. Times are MicroTime strings (RFC 3339 with microseconds). */
export interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number | null;
  acquireTime?: string | null;
  renewTime?: string | null;
  leaseTransitions?: number | null;
}

/** A MicroTime as the API expects it: `2026-11-21T05:12:03.123000Z`. */
export function formatMicroTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** RFC 3339 to seconds, for messages: `2026-11-21T05:12:03Z`. */
export function formatSeconds(time: string | number | Date): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What a lease says at time `now` (ms since the epoch). */
export interface LeaseState {
  /** True when someone holds it and it has not expired. */
  held: boolean;
  /** The holder, or undefined when released (empty holderIdentity). */
  holder: string | undefined;
  /** When it expires, ms since the epoch; undefined when not held by anyone. */
  expiresAt: number | undefined;
  /** Whole seconds until expiry (rounded up, ≥ 0). */
  expiresInSeconds: number;
  /** acquireTime (or renewTime) as RFC 3339 seconds, '' when unknown. */
  since: string;
}

function parse(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The state of a lease at `now`. A lease without holder is free; one without renewTime
 * counts from acquireTime; a missing or non-positive duration makes a held lease expire at
 * its last renewal (it can be taken at once).
 */
export function leaseState(spec: LeaseSpec | undefined, now: number): LeaseState {
  const holder = spec?.holderIdentity || undefined;
  const renewed = parse(spec?.renewTime) ?? parse(spec?.acquireTime);
  const acquired = parse(spec?.acquireTime) ?? renewed;
  const since = acquired === undefined ? '' : formatSeconds(acquired);
  if (holder === undefined) return { held: false, holder, expiresAt: undefined, expiresInSeconds: 0, since };
  const duration = Math.max(0, spec?.leaseDurationSeconds ?? 0);
  const expiresAt = (renewed ?? 0) + duration * 1000;
  return {
    held: expiresAt > now,
    holder,
    expiresAt,
    expiresInSeconds: Math.max(0, Math.ceil((expiresAt - now) / 1000)),
    since,
  };
}

/** Renewal period: a third of the lease duration (client-go renews well inside the duration too), at least 1 s. Milliseconds. */
export function renewIntervalMs(ttlSeconds: number): number {
  return Math.max(1000, Math.floor((ttlSeconds * 1000) / 3));
}
