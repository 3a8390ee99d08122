/** Constructors for {@link StatusResult}s, so rules read as a list of decisions. */

import type { StatusResult } from './types.ts';

/** `Current` with a message. */
export function current(message: string): StatusResult {
  return { status: 'Current', message };
}

/** `InProgress` with a reason (kstatus's Reconciling reason) and a message. */
export function inProgress(reason: string, message: string): StatusResult {
  return { status: 'InProgress', message, reason };
}

/** `Failed`; `stalled` when waiting cannot help (see {@link StatusResult.stalled}). */
export function failed(reason: string, message: string, stalled: boolean): StatusResult {
  return stalled ? { status: 'Failed', message, reason, stalled: true } : { status: 'Failed', message, reason };
}

/** `a/b`, the ratio format of every count message (`Replicas: 1/2`). */
export function ratio(have: number, want: number): string {
  return `${have}/${want}`;
}
