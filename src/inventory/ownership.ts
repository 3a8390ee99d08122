/**
 * Ownership of live objects by a stack's inventory: the annotation that names the owner,
 * and the plain decisions {@link canApply} and {@link canPrune} (STYLE.md item 7;
 * cli-utils `pkg/inventory/policy.go` CanApply/CanPrune, whose `config.k8s.io/owning-inventory`
 * becomes `convoy.dev/inventory`). Pure.
 */
import type { KubeObject } from '../objects/types.ts';

/** Annotation on every applied object naming its owning inventory: `<namespace>/<stack>`. */
export const INVENTORY_ANNOTATION = 'convoy.dev/inventory';
/** Annotation (or label) `"true"` that keeps an object out of prune and destroy unless purging. */
export const KEEP_ANNOTATION = 'convoy.dev/keep';
/** Helm's keep policy (`helm.sh/resource-policy: keep`, helm.sh/docs/howto/charts_tips_and_tricks), honoured the same way. */
export const HELM_RESOURCE_POLICY = 'helm.sh/resource-policy';
/** Namespace of inventories and locks unless configured. */
export const DEFAULT_INVENTORY_NAMESPACE = 'convoy-system';

/**
 * The id of a stack's inventory, the value of {@link INVENTORY_ANNOTATION}:
 * `<namespace>/<stack>`, e.g. `convoy-system/panda`.
 */
export function inventoryId(stack: string, namespace: string = DEFAULT_INVENTORY_NAMESPACE): string {
  return `${namespace}/${stack}`;
}

/** The inventory id an object's annotation names, or undefined when unowned. */
export function ownerOf(obj: KubeObject): string | undefined {
  const v = obj.metadata.annotations?.[INVENTORY_ANNOTATION];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Returns a copy of `obj` annotated as owned by `id` (the apply engine calls this on
 * every object before server-side apply).
 */
export function withOwner(obj: KubeObject, id: string): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [INVENTORY_ANNOTATION]: id } },
  };
}

/**
 * Adoption policy (cli-utils InventoryPolicy): `strict` (MustMatch) applies only to absent
 * objects and our own; `adopt` (AdoptIfNoInventory) also takes unowned existing objects.
 * Objects owned by another inventory are never taken.
 */
export type AdoptionPolicy = 'strict' | 'adopt';

/** Result of {@link canApply} / {@link canPrune}: `reason` is one short sentence for the user. */
export interface OwnershipDecision {
  ok: boolean;
  reason: string;
}

/**
 * May convoy apply over `live` for inventory `id`?
 *
 * | live object                       | strict  | adopt   |
 * |-----------------------------------|---------|---------|
 * | absent                            | ok      | ok      |
 * | annotated with `id`               | ok      | ok      |
 * | annotated with another inventory  | refused | refused |
 * | exists, not annotated             | refused | ok (adopted) |
 */
export function canApply(live: KubeObject | undefined, id: string, policy: AdoptionPolicy): OwnershipDecision {
  if (!live) return { ok: true, reason: 'does not exist yet' };
  const owner = ownerOf(live);
  if (owner === id) return { ok: true, reason: `owned by inventory ${id}` };
  if (owner !== undefined) {
    return { ok: false, reason: `owned by another inventory (${owner}); it must be removed from that stack first` };
  }
  if (policy === 'adopt') return { ok: true, reason: 'exists without an owner; adopted' };
  return {
    ok: false,
    reason: `exists and is not managed by convoy (no ${INVENTORY_ANNOTATION} annotation); re-run with --adopt to take it over`,
  };
}

/** Options of {@link canPrune}. */
export interface PruneOptions {
  /** Also delete objects marked keep (`convoy.dev/keep: "true"`, `helm.sh/resource-policy: keep`). Default false. */
  purge?: boolean;
}

/** True when the object asks to be kept: annotation or label `convoy.dev/keep: "true"`, or Helm's keep policy. */
export function isKept(obj: KubeObject): boolean {
  const a = obj.metadata.annotations ?? {};
  const l = obj.metadata.labels ?? {};
  return a[KEEP_ANNOTATION] === 'true' || l[KEEP_ANNOTATION] === 'true' || a[HELM_RESOURCE_POLICY] === 'keep';
}

/**
 * May convoy delete `live` (prune or destroy) for inventory `id`? Only objects annotated
 * with `id` (unlike cli-utils' adopt policy, convoy never prunes unowned objects), and
 * never kept ones unless `purge`.
 */
export function canPrune(live: KubeObject | undefined, id: string, options: PruneOptions = {}): OwnershipDecision {
  if (!live) return { ok: false, reason: 'already gone' };
  const owner = ownerOf(live);
  if (owner === undefined) return { ok: false, reason: 'not managed by convoy (no owner annotation); left alone' };
  if (owner !== id) return { ok: false, reason: `owned by another inventory (${owner}); left alone` };
  if (isKept(live) && !options.purge) return { ok: false, reason: 'marked keep; left alone (--purge deletes it)' };
  return { ok: true, reason: `owned by inventory ${id}` };
}
