/**
 * `diffStack`: what `convoy apply` would do, without doing it. Each desired object is sent
 * as a server-side dry-run apply and compared with the live object (create / update with
 * the changed fields / unchanged); objects of the inventory that are no longer rendered are
 * `prune`; existing objects the stack does not own are `exists-not-owned`; Helm hooks that
 * would run are `hook`. Secret values are redacted (src/plan/diff-redact.ts).
 *
 * Print the result with {@link formatPlan} (text) or {@link formatPlanJson} (JSON).
 */
import { withoutForeignNamespaces } from '../apply/foreign-namespaces.ts';
import pLimit from 'p-limit';
import type { InventoryEntry } from '../inventory/entries.ts';
import { entryKey } from '../inventory/entries.ts';
import { readInventory } from '../inventory/inventory.ts';
import { canPrune, DEFAULT_INVENTORY_NAMESPACE, inventoryId } from '../inventory/ownership.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import type { RenderedStack } from '../render/types.ts';
import { stackFacts } from './diff-facts.ts';
import { pruneScope } from './diff-scope.ts';
import { diffObject, inventoryOwnership, refOf } from './diff-object.ts';
import { countActions, type ComponentDiff, type ObjectDiff, type StackPlan } from './diff-types.ts';
import { hookEvents, hookWeight } from './phases.ts';

export type { FieldChange } from './diff-fields.ts';
export type { ComponentDiff, DiffAction, ObjectDiff, StackPlan } from './diff-types.ts';
export { DIFF_ACTIONS } from './diff-types.ts';
export { formatPlan, formatPlanJson, summaryLine, type FormatPlanOptions } from './diff-format.ts';
export { diffFields } from './diff-fields.ts';
export { redactChanges } from './diff-redact.ts';

export interface DiffStackOptions {
  client: KubeClient;
  /** Field manager of the dry runs (use the apply's). @default `convoy` */
  fieldManager?: string;
  /** Dry-run with `force=true` (as `apply --force-conflicts` would): no `conflict` entries then. @default false */
  forceConflicts?: boolean;
  /** As `apply --adopt`: existing unowned objects become `update`s instead of `exists-not-owned`. @default false */
  adopt?: boolean;
  /** Namespace of the inventory. @default `convoy-system` */
  inventoryNamespace?: string;
  /** Objects diffed at once (each is a GET and a dry-run PATCH). @default 16 */
  concurrency?: number;
  /** Every component of the stack file, selected or not: as ApplyOptions.stackComponents (which prunes to show). @default unknown */
  stackComponents?: readonly string[];
}

/**
 * Diffs a rendered stack against the cluster and its inventory. Read-only: GETs and
 * dry-run applies (which the API server does not persist, and which do not count as writes).
 *
 * Components by name, desired objects in render order (hooks that would not run in this
 * install/upgrade are left out), then that component's prunes; then components that left
 * the stack (`mode: 'remove'`). Prunes list only objects apply would delete: in scope (see
 * `stackComponents`), still live, owned by this inventory and not marked keep.
 *
 * @throws ConvoyError E_KUBE on API failures (other than kinds and namespaces the stack
 *   itself creates first).
 */
export async function diffStack(renderedIn: RenderedStack, options: DiffStackOptions): Promise<StackPlan> {
  const { client } = options;
  const invNs = options.inventoryNamespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const id = inventoryId(renderedIn.name, invNs);
  const rendered = await withoutForeignNamespaces(renderedIn, client, id);
  const inventory = await readInventory(client, rendered.name, { namespace: invNs });
  const previous = inventory?.objects ?? [];
  const installed = new Set(previous.map((e) => e.component));
  const facts = stackFacts(rendered.components.flatMap((c) => c.objects));
  const ownership = inventoryOwnership(id, options.adopt ?? false);
  const limit = pLimit(options.concurrency ?? 16);

  const desiredKeys = new Set<string>();
  const components: ComponentDiff[] = await Promise.all(
    rendered.components.map(async (component): Promise<ComponentDiff> => {
      const mode = installed.has(component.name) ? 'upgrade' : 'install';
      const objects = await Promise.all(
        component.objects.map((obj) => {
          const ref = refOf(obj, facts.clusterScoped);
          desiredKeys.add(entryKey(ref));
          return limit(async (): Promise<ObjectDiff | undefined> => {
            const events = hookEvents(obj);
            if (events.length > 0) {
              const runs = events.filter((e) => e === `pre-${mode}` || e === `post-${mode}`);
              if (runs.length === 0) return undefined;
              return { ref, action: 'hook', changes: [], detail: `${runs.join(',')} hook, weight ${hookWeight(obj)}` };
            }
            const c = await diffObject(client, obj, ref, {
              fieldManager: options.fieldManager ?? 'convoy',
              force: options.forceConflicts ?? false,
              ownership,
              pendingKinds: facts.crdKinds,
              pendingNamespaces: facts.namespaces,
            });
            return { ref, action: c.action, changes: c.changes, ...(c.detail ? { detail: c.detail } : {}) };
          });
        }),
      );
      let diffs = objects.filter((o): o is ObjectDiff => o !== undefined);
      // As apply does (src/apply/component.ts): an unchanged upgrade runs no hooks.
      if (mode === 'upgrade' && diffs.every((d) => d.action === 'unchanged' || d.action === 'hook')) {
        diffs = diffs.filter((d) => d.action !== 'hook');
      }
      return { name: component.name, mode, objects: diffs };
    }),
  );

  const { removed } = pruneScope(
    previous,
    desiredKeys,
    new Set(rendered.components.map((c) => c.name)),
    options.stackComponents,
  );
  const prunes = await Promise.all(
    removed.map((e) =>
      limit(async () => {
        const ref = entryRefOf(e);
        const live = await client.get(ref).catch(() => undefined);
        return canPrune(live, id).ok
          ? { entry: e, diff: { ref, action: 'prune', changes: [] } as ObjectDiff }
          : undefined;
      }),
    ),
  );
  const byName = new Map(components.map((c) => [c.name, c]));
  const leaving: ComponentDiff[] = [];
  for (const p of prunes) {
    if (!p) continue;
    let target = byName.get(p.entry.component);
    if (!target) {
      target = { name: p.entry.component, mode: 'remove', objects: [] };
      byName.set(target.name, target);
      leaving.push(target);
    }
    target.objects.push(p.diff);
  }
  const all = [...components.sort(byComponentName), ...leaving.sort(byComponentName)];
  return { stack: rendered.name, environment: rendered.environment, components: all, counts: countActions(all) };
}

function byComponentName(a: ComponentDiff, b: ComponentDiff): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function entryRefOf(e: InventoryEntry): ObjectRef {
  return { apiVersion: e.apiVersion, kind: e.kind, name: e.name, ...(e.namespace ? { namespace: e.namespace } : {}) };
}
