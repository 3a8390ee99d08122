/**
 * The deployment engine: {@link apply} a rendered stack (DAG scheduler, server-side apply,
 * watch-driven readiness, prune), {@link destroy} it, read its {@link status}. The library
 * emits {@link ApplyEvent}s and returns data; only the CLI prints.
 *
 * ```ts
 * const client = await createClient();
 * const result = await apply(rendered, resolved, { client }, (e) => progress(e));
 * if (!result.ok) process.exitCode = 1;
 * ```
 */
export { apply, DEFAULT_FIELD_MANAGER } from './apply.ts';
export { destroy, type DestroyTarget } from './destroy.ts';
export { status, watchStatus, healthOf } from './status.ts';
export { schedule } from './scheduler.ts';
export type {
  RunComponent,
  ScheduleListener,
  ScheduleNode,
  ScheduleOptions,
  ScheduleResult,
  SkipReason,
} from './scheduler.ts';
export { ComponentFailure, type FailureDetail } from './explain.ts';
export { describeCommand, refText } from './refs.ts';
export type * from './events.ts';
export type * from './options.ts';
