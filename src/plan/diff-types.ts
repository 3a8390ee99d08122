/**
 * The model of `convoy plan`: what an apply would do to each object, compared with the live
 * cluster (server-side dry run) and the stack's inventory. Plain JSON (`--output json` prints
 * it as is); secret values are already redacted in it.
 */
import type { ObjectRef } from '../kube/types.ts';
import type { FieldChange } from './diff-fields.ts';

/**
 * What an apply would do to one object:
 * - `create`: it does not exist yet;
 * - `update`: it exists and the apply would change the listed fields;
 * - `unchanged`: the apply would change nothing (and sends no write);
 * - `prune`: in the inventory, no longer rendered: the apply deletes it;
 * - `exists-not-owned`: it exists but belongs to no inventory or another one: the apply
 *   refuses it unless adopting (`--adopt`);
 * - `conflict`: another field manager owns fields the apply sets (`--force-conflicts` takes them);
 * - `hook`: a Helm hook of this install/upgrade: deleted and re-created by its policy, so it runs again.
 */
export type DiffAction = 'create' | 'update' | 'unchanged' | 'prune' | 'exists-not-owned' | 'conflict' | 'hook';

/** Every action, in the order summaries list them. */
export const DIFF_ACTIONS: readonly DiffAction[] = [
  'create',
  'update',
  'prune',
  'hook',
  'conflict',
  'exists-not-owned',
  'unchanged',
];

export interface ObjectDiff {
  ref: ObjectRef;
  action: DiffAction;
  /** For `update`: the changed fields, sorted by path, secret values redacted. Empty otherwise. */
  changes: FieldChange[];
  /** A short note: the conflicting managers, the owner, the hook, why a prune is kept. */
  detail?: string;
}

export interface ComponentDiff {
  /** The component's stack key. */
  name: string;
  /** `install` when the component is not in the inventory, `upgrade` when it is, `remove` when it left the stack. */
  mode: 'install' | 'upgrade' | 'remove';
  /** Desired objects in render order, then prunes sorted by identity. */
  objects: ObjectDiff[];
}

/** The result of `diffStack`. */
export interface StackPlan {
  stack: string;
  environment: string | undefined;
  /** Components of the stack by name, then components that left the stack (all prunes) by name. */
  components: ComponentDiff[];
  /** Objects per action over the whole stack. */
  counts: Record<DiffAction, number>;
}

/** Zero counts, for building a {@link StackPlan}. */
export function emptyCounts(): Record<DiffAction, number> {
  return { create: 0, update: 0, unchanged: 0, prune: 0, 'exists-not-owned': 0, conflict: 0, hook: 0 };
}

/** Counts the actions of some components. */
export function countActions(components: readonly ComponentDiff[]): Record<DiffAction, number> {
  const counts = emptyCounts();
  for (const c of components) for (const o of c.objects) counts[o.action] += 1;
  return counts;
}
