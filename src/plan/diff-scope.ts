/**
 * Which inventory entries an apply of a selection may prune. Applying `--only web` must not
 * delete the objects of every other component, so an entry is a prune candidate only when
 * its component is in the selection (the object left that component), or when the caller
 * says which components the stack file has and the entry's component is not among them (the
 * component left the stack). Pure; shared by apply and diffStack.
 */
import { entryKey, type InventoryEntry } from '../inventory/entries.ts';

export interface PruneScope {
  /** Entries no longer rendered whose component is in scope: candidates for prune (canPrune decides). */
  removed: InventoryEntry[];
  /** Entries of components outside the selection that are still in the stack: left alone and kept in the inventory. */
  untouched: InventoryEntry[];
}

/**
 * Splits the previous inventory's entries that are not desired any more.
 *
 * @param previous the inventory's entries.
 * @param desiredKeys entryKey of every rendered object.
 * @param selected the components being applied.
 * @param stackComponents every component of the stack file, selected or not; undefined
 *   when unknown, and then only entries of selected components are candidates.
 */
export function pruneScope(
  previous: readonly InventoryEntry[],
  desiredKeys: ReadonlySet<string>,
  selected: ReadonlySet<string>,
  stackComponents: readonly string[] | undefined,
): PruneScope {
  const inStack = stackComponents ? new Set(stackComponents) : undefined;
  const out: PruneScope = { removed: [], untouched: [] };
  for (const e of previous) {
    if (desiredKeys.has(entryKey(e))) continue;
    const inScope = selected.has(e.component) || (inStack !== undefined && !inStack.has(e.component));
    (inScope ? out.removed : out.untouched).push(e);
  }
  return out;
}
