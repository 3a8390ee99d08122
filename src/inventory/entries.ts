/**
 * Inventory entries: the refs of the objects a stack owns, their stable order, and the
 * diff between two sets (what to add, keep and prune). Identity is group/kind/namespace/name,
 * so an apiVersion change of the same object is not an add plus a prune. Pure.
 */
import { ANNOTATION, type KubeObject } from '../objects/types.ts';
import { objectRef, parseApiVersion } from '../objects/identity.ts';

/** One owned object. Key order as stored: apiVersion, kind, namespace, name, component. */
export interface InventoryEntry {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
  /** The stack component the object belongs to (`convoy.dev/component`); '' when unknown. */
  component: string;
}

/** Identity key of an entry: `group/Kind/namespace/name`. */
export function entryKey(e: Pick<InventoryEntry, 'apiVersion' | 'kind' | 'namespace' | 'name'>): string {
  return `${parseApiVersion(e.apiVersion).group}/${e.kind}/${e.namespace ?? ''}/${e.name}`;
}

/**
 * The entry of a rendered object (namespace dropped for known cluster-scoped kinds,
 * component from its `convoy.dev/component` annotation unless given).
 */
export function entryOf(obj: KubeObject, component?: string): InventoryEntry {
  const ref = objectRef(obj);
  const e: InventoryEntry = { apiVersion: obj.apiVersion, kind: obj.kind, name: ref.name, component: '' };
  if (ref.namespace) e.namespace = ref.namespace;
  e.component = component ?? obj.metadata.annotations?.[ANNOTATION.component] ?? '';
  return normalizeEntry(e);
}

/** An entry with keys in storage order and no undefined namespace. */
export function normalizeEntry(e: InventoryEntry): InventoryEntry {
  return {
    apiVersion: e.apiVersion,
    kind: e.kind,
    ...(e.namespace ? { namespace: e.namespace } : {}),
    name: e.name,
    component: e.component,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries sorted by group, kind, namespace, name (then apiVersion, component), duplicates by identity removed (last wins). */
export function sortEntries(entries: Iterable<InventoryEntry>): InventoryEntry[] {
  const byKey = new Map<string, InventoryEntry>();
  for (const e of entries) byKey.set(entryKey(e), normalizeEntry(e));
  return [...byKey.values()].sort((a, b) => {
    const ga = parseApiVersion(a.apiVersion).group;
    const gb = parseApiVersion(b.apiVersion).group;
    return (
      cmp(ga, gb) ||
      cmp(a.kind, b.kind) ||
      cmp(a.namespace ?? '', b.namespace ?? '') ||
      cmp(a.name, b.name) ||
      cmp(a.apiVersion, b.apiVersion) ||
      cmp(a.component, b.component)
    );
  });
}

/** What changes between the inventory of the last apply and the desired objects. */
export interface InventoryDiff {
  /** Desired, not in the previous inventory. */
  added: InventoryEntry[];
  /** In both (the desired entry: new apiVersion or component win). */
  kept: InventoryEntry[];
  /** In the previous inventory only: candidates for prune (subject to canPrune on the live object). */
  removed: InventoryEntry[];
}

/** Compares previous and desired entries by identity. Each list is sorted. */
export function diffInventory(previous: Iterable<InventoryEntry>, desired: Iterable<InventoryEntry>): InventoryDiff {
  const before = new Map([...previous].map((e) => [entryKey(e), e]));
  const after = new Map([...desired].map((e) => [entryKey(e), e]));
  const added: InventoryEntry[] = [];
  const kept: InventoryEntry[] = [];
  for (const [k, e] of after) (before.has(k) ? kept : added).push(e);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, e]) => e);
  return { added: sortEntries(added), kept: sortEntries(kept), removed: sortEntries(removed) };
}
