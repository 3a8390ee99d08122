/**
 * `aggregateStatus`: one status for a component (or any group of objects), from the
 * statuses of its objects.
 */

import type { Status, StatusResult } from './types.ts';

/** A status result with the object it is for, as `Kind/name` (e.g. `Deployment/web`). */
export interface NamedStatusResult extends StatusResult {
  /** `Kind/name` or `Kind/namespace/name`; used in the aggregate message. @default none */
  object?: string;
}

/** Failed > Terminating > InProgress = NotFound > Current. */
const RANK: Record<Status, number> = { Failed: 3, Terminating: 2, InProgress: 1, NotFound: 1, Current: 0 };

/** Message prefix before an object name, and without one. */
const PREFIX: Record<Status, [named: string, unnamed: string]> = {
  Failed: ['failed:', 'failed:'],
  Terminating: ['terminating:', 'terminating:'],
  InProgress: ['waiting for', 'waiting:'],
  NotFound: ['waiting for', 'waiting:'],
  Current: ['', ''],
};

/**
 * The status of a group: the worst of its members by Failed > Terminating >
 * InProgress/NotFound > Current. Among equally bad members the first stalled one (for
 * Failed), else the first in input order, gives the reason, `stalled` and the message detail.
 * InProgress and NotFound rank equal; the group is `NotFound` only when every member is.
 *
 * Message: `3/5 Current; waiting for Deployment/web: Replicas: 1/2 (+1 more)`, with
 * `failed:` / `terminating:` in place of `waiting for` (`waiting:` without an object name);
 * all Current: `5/5 Current`.
 * An empty group is Current (`0/0 Current`).
 */
export function aggregateStatus(results: readonly NamedStatusResult[]): StatusResult {
  const total = results.length;
  const currentCount = results.filter((r) => r.status === 'Current').length;
  const counts = `${currentCount}/${total} Current`;
  const worstRank = Math.max(0, ...results.map((r) => RANK[r.status]));
  if (worstRank === 0) return { status: 'Current', message: counts };

  const worst = results.filter((r) => RANK[r.status] === worstRank);
  const pick = worst.find((r) => r.status === 'Failed' && r.stalled) ?? worst[0];
  if (!pick) return { status: 'Current', message: counts }; // unreachable: worst is non-empty
  const status: Status =
    worstRank === 1 ? (results.every((r) => r.status === 'NotFound') ? 'NotFound' : 'InProgress') : pick.status;
  const [named, unnamed] = PREFIX[pick.status];
  const who = pick.object !== undefined ? `${named} ${pick.object}: ` : `${unnamed} `;
  const more = worst.length > 1 ? ` (+${worst.length - 1} more)` : '';
  const result: StatusResult = { status, message: `${counts}; ${who}${pick.message}${more}` };
  if (pick.reason !== undefined) result.reason = pick.reason;
  if (status === 'Failed' && pick.stalled) result.stalled = true;
  return result;
}
