/**
 * The component dependency graph: waves (Kahn layering), reverse waves for delete, and
 * transitive needs. Pure functions over `{name, needs}` nodes.
 *
 * Edges point from a component to what it needs: `panda → msgsvc` means panda needs msgsvc,
 * so msgsvc is in an earlier wave. Rules follow cli-utils `pkg/object/graph/graph.go`
 * (SortObjs: layers of nodes whose dependencies are all in earlier layers) and helmfile
 * `pkg/state/state_run.go` PlanReleases (typo hint for undefined needs).
 */
import { ConvoyError, type SourcePosition } from '../errors.ts';
import { didYouMean, listNames } from './suggest.ts';
import type { Waves } from './types.ts';

/** A node of the component graph: a component name and the names it needs. */
export interface GraphNode {
  name: string;
  needs: readonly string[];
}

/** Returns the position of `needs[index]` of `component` in the user's files. */
export type NeedPosition = (component: string, index: number) => SourcePosition;

/**
 * Groups components into waves: wave 0 holds the components that need nothing, wave n
 * those whose needs all lie in waves < n. Each wave is sorted by name; duplicate needs
 * count once. Deterministic for a given set of nodes, whatever their order.
 *
 * @param nodes components and their needs.
 * @param positionOfNeed locates `needs[index]` of a component for error positions; optional.
 * @throws ConvoyError `E_NEEDS` when a need names no node (first such need in name order),
 *   with a "did you mean" fix.
 * @throws ConvoyError `E_CYCLE` when the needs form a cycle: the message shows the path
 *   `a → b → c → a` (each arrow reads "needs"), found by a depth-first search that starts
 *   from the smallest name left and follows needs in name order; positioned at the need
 *   that closes the cycle.
 */
export function computeWaves(nodes: readonly GraphNode[], positionOfNeed?: NeedPosition): Waves {
  const byName = indexNodes(nodes);
  checkNeeds(byName, positionOfNeed);

  const remaining = new Map<string, Set<string>>();
  for (const [name, node] of byName) remaining.set(name, new Set(node.needs));
  const waves: Waves = [];
  while (remaining.size > 0) {
    const wave = [...remaining.keys()].filter((n) => remaining.get(n)?.size === 0).sort();
    if (wave.length === 0) throw cycleError(byName, new Set(remaining.keys()), positionOfNeed);
    for (const done of wave) remaining.delete(done);
    for (const needs of remaining.values()) for (const done of wave) needs.delete(done);
    waves.push(wave);
  }
  return waves;
}

/** Delete order: the waves reversed (last wave first); each wave keeps its name order. */
export function reverseWaves(waves: Waves): Waves {
  return waves.map((w) => [...w]).reverse();
}

/**
 * The roots plus everything they need, transitively, sorted by name. Needs that name no
 * node are ignored here ({@link computeWaves} reports them).
 *
 * @throws ConvoyError `E_SELECTION` when a root names no node (with a "did you mean" fix).
 */
export function transitiveNeeds(nodes: readonly GraphNode[], roots: readonly string[]): string[] {
  const byName = indexNodes(nodes);
  const seen = new Set<string>();
  const stack = [...roots];
  for (const root of roots) {
    if (!byName.has(root)) {
      throw new ConvoyError('E_SELECTION', `component "${root}" is not in the stack`, {
        expected: `one of: ${listNames(byName.keys())}`,
        fix: `${didYouMean(root, byName.keys())}Name a component from spec.components.`,
      });
    }
  }
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    const node = byName.get(name);
    if (node === undefined) continue;
    seen.add(name);
    stack.push(...node.needs);
  }
  return [...seen].sort();
}

function indexNodes(nodes: readonly GraphNode[]): Map<string, GraphNode> {
  const byName = new Map<string, GraphNode>();
  for (const node of nodes) {
    if (byName.has(node.name)) {
      throw new ConvoyError('E_DUPLICATE', `component "${node.name}" appears twice in the graph`, {
        expected: 'unique component names',
        fix: 'Give each component its own name.',
      });
    }
    byName.set(node.name, node);
  }
  return byName;
}

function checkNeeds(byName: ReadonlyMap<string, GraphNode>, positionOfNeed?: NeedPosition): void {
  for (const name of [...byName.keys()].sort()) {
    const node = byName.get(name) as GraphNode;
    node.needs.forEach((need, index) => {
      if (byName.has(need)) return;
      throw new ConvoyError('E_NEEDS', `component "${name}" needs "${need}", which is not in the stack`, {
        position: positionOfNeed?.(name, index),
        expected: `a component of the stack: ${listNames(byName.keys())}`,
        fix: `${didYouMean(need, byName.keys())}Perhaps you made a typo in "needs"; otherwise add "${need}" to spec.components or remove it from the needs of "${name}".`,
      });
    });
  }
}

/** Finds one cycle among `left` (nodes that Kahn could not place) and builds the error. */
function cycleError(
  byName: ReadonlyMap<string, GraphNode>,
  left: ReadonlySet<string>,
  positionOfNeed?: NeedPosition,
): ConvoyError {
  const path = findCycle(byName, left);
  const closer = path[path.length - 2] as string;
  const closed = path[path.length - 1] as string;
  const index = byName.get(closer)?.needs.indexOf(closed) ?? -1;
  return new ConvoyError('E_CYCLE', `dependency cycle: ${path.join(' → ')}`, {
    position: index >= 0 ? positionOfNeed?.(closer, index) : undefined,
    expected: 'needs that form no cycle (each arrow reads "needs")',
    fix: `Remove one of the needs on this path, e.g. "${closed}" from the needs of "${closer}".`,
  });
}

/**
 * Depth-first search from the smallest name in `left`, needs in name order. Every node
 * Kahn leaves over lies on a cycle or leads to one, so the search always finds one.
 * Returns the path with the first node repeated at the end: [a, b, c, a].
 */
function findCycle(byName: ReadonlyMap<string, GraphNode>, left: ReadonlySet<string>): string[] {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const at = onPath.indexOf(name);
    if (at >= 0) return [...onPath.slice(at), name];
    if (done.has(name)) return undefined;
    onPath.push(name);
    const needs = [...new Set(byName.get(name)?.needs ?? [])].filter((n) => left.has(n)).sort();
    for (const need of needs) {
      const found = visit(need);
      if (found) return found;
    }
    onPath.pop();
    done.add(name);
    return undefined;
  };
  for (const start of [...left].sort()) {
    const found = visit(start);
    if (found) return found;
  }
  throw new ConvoyError('E_INTERNAL', 'dependency graph has unplaced components but no cycle');
}
