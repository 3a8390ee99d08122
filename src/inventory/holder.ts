/** Who is applying: `user@host` for `appliedBy`, `user@host pid N` for lock holders. */
import os from 'node:os';

/** The local user name (falls back to $USER, then `unknown` when there is no passwd entry). */
function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env['USER'] || process.env['USERNAME'] || 'unknown';
  }
}

/** `user@host` of this process, e.g. `alice@ci-7`. */
export function defaultAppliedBy(): string {
  return `${userName()}@${os.hostname()}`;
}

/** `user@host pid N` of this process, e.g. `alice@ci-7 pid 4242` (a Lease holderIdentity). */
export function defaultLockHolder(): string {
  return `${defaultAppliedBy()} pid ${process.pid}`;
}
