/**
 * Helm hooks, as Helm defines them (helm.sh/docs/topics/charts_hooks; Helm
 * `pkg/action/hooks.go`, `pkg/release/hook.go`). Pure: reading the annotations and ordering.
 *
 * - `helm.sh/hook`: comma-separated events. convoy runs `pre-install`/`post-install` when the
 *   component is not in the inventory yet, `pre-upgrade`/`post-upgrade` when it is; hooks of
 *   other events (`pre-delete`, `test`, `pre-rollback`...) are not applied.
 * - `helm.sh/hook-weight`: an integer as a string, default 0; lower weights run first
 *   (planPhases gives one phase per weight), equal weights together.
 * - `helm.sh/hook-delete-policy`: comma-separated `before-hook-creation` (delete the previous
 *   copy before creating it again), `hook-succeeded`, `hook-failed` (delete after it
 *   succeeded / failed). With no policy, Helm applies `before-hook-creation`.
 */
import type { KubeObject } from '../objects/types.ts';
import { HELM_HOOK } from '../objects/types.ts';
import { hookEvents, hookWeight } from '../plan/phases.ts';

/** A hook event that convoy runs. */
export type HookEvent = 'pre-install' | 'pre-upgrade' | 'post-install' | 'post-upgrade';

export type DeletePolicy = 'before-hook-creation' | 'hook-succeeded' | 'hook-failed';

export interface HookInfo {
  /** The events in `helm.sh/hook`, as written (also those convoy does not run). */
  events: string[];
  /** `helm.sh/hook-weight`; 0 when absent or not an integer. */
  weight: number;
  /** `helm.sh/hook-delete-policy`; `before-hook-creation` when absent (Helm's default). */
  deletePolicies: Set<DeletePolicy>;
}

/** The hook annotations of an object, or undefined when it is not a hook. */
export function hookInfo(obj: KubeObject): HookInfo | undefined {
  const events = hookEvents(obj);
  if (events.length === 0) return undefined;
  const policies = (obj.metadata.annotations?.[HELM_HOOK.deletePolicy] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(isDeletePolicy);
  return {
    events,
    weight: hookWeight(obj),
    deletePolicies: new Set<DeletePolicy>(policies.length > 0 ? policies : ['before-hook-creation']),
  };
}

/** The hook event of a stage in a mode: `pre` + `install` → `pre-install`. */
export function hookEvent(stage: 'pre' | 'post', mode: 'install' | 'upgrade'): HookEvent {
  return `${stage}-${mode}`;
}

/** True when the object is a hook of `event`. */
export function isHookFor(obj: KubeObject, event: HookEvent): boolean {
  return hookEvents(obj).includes(event);
}

/** True when the object carries `helm.sh/hook` at all. */
export function isHook(obj: KubeObject): boolean {
  return hookEvents(obj).length > 0;
}

function isDeletePolicy(s: string): s is DeletePolicy {
  return s === 'before-hook-creation' || s === 'hook-succeeded' || s === 'hook-failed';
}
