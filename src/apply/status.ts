/**
 * `status`: the health of a deployed stack from the live objects its inventory lists:
 * computeStatus per object, aggregateStatus per component (src/status). Read-only; used by
 * `convoy status` and, through {@link watchStatus}, by `convoy status --watch`.
 */
import pLimit from 'p-limit';
import type { Inventory } from '../inventory/inventory.ts';
import { readInventory } from '../inventory/inventory.ts';
import type { InventoryEntry } from '../inventory/entries.ts';
import { DEFAULT_INVENTORY_NAMESPACE } from '../inventory/ownership.ts';
import type { WatchEvent } from '../kube/types.ts';
import type { KubeObject } from '../objects/types.ts';
import { aggregateStatus, computeStatus } from '../status/index.ts';
import type { StatusOptions } from '../status/types.ts';
import { entryRef } from './delete.ts';
import type { ClusterOptions, ComponentHealth, ObjectHealth, StackHealth } from './options.ts';
import { keyOf } from './refs.ts';

/**
 * The health of stack `stack`: every object of its inventory read once (GET, 16 at once).
 * A stack without inventory gives `applied: false`, status NotFound, no components.
 *
 * @throws ConvoyError E_KUBE on API failures (an object's kind no longer served counts as NotFound).
 */
export async function status(stack: string, options: ClusterOptions): Promise<StackHealth> {
  const inventory = await readInventory(options.client, stack, {
    namespace: options.inventoryNamespace ?? DEFAULT_INVENTORY_NAMESPACE,
  });
  if (!inventory) return notApplied(stack);
  const limit = pLimit(16);
  const live = new Map<string, KubeObject | undefined>();
  await Promise.all(
    inventory.objects.map((e) =>
      limit(async () => {
        const ref = entryRef(e);
        live.set(keyOf(ref), await options.client.get(ref).catch(() => undefined));
      }),
    ),
  );
  return healthOf(inventory, live, options.statusOptions);
}

/**
 * Builds the stack's health from the live objects (pure). Objects are listed in inventory
 * order; components by name.
 */
export function healthOf(
  inventory: Inventory,
  live: ReadonlyMap<string, KubeObject | undefined>,
  statusOptions?: StatusOptions,
): StackHealth {
  const byComponent = new Map<string, InventoryEntry[]>();
  for (const e of inventory.objects) byComponent.set(e.component, [...(byComponent.get(e.component) ?? []), e]);
  const components: ComponentHealth[] = [...byComponent.keys()].sort().map((name) => {
    const objects: ObjectHealth[] = (byComponent.get(name) ?? []).map((e) => {
      const ref = entryRef(e);
      const r = computeStatus(live.get(keyOf(ref)), statusOptions);
      return { ref, status: r.status, message: r.message, ...(r.reason ? { reason: r.reason } : {}) };
    });
    const agg = aggregateStatus(
      objects.map((o) => ({
        status: o.status,
        message: o.message,
        object: `${o.ref.kind}/${o.ref.name}`,
        ...(o.reason ? { reason: o.reason } : {}),
      })),
    );
    return { name, status: agg.status, message: agg.message, ...(agg.reason ? { reason: agg.reason } : {}), objects };
  });
  const overall = aggregateStatus(components.map((c) => ({ status: c.status, message: c.message, object: c.name })));
  return {
    stack: inventory.stack,
    applied: true,
    revision: inventory.revision,
    appliedAt: inventory.appliedAt,
    environment: inventory.environment || undefined,
    status: overall.status,
    components,
  };
}

function notApplied(stack: string): StackHealth {
  return {
    stack,
    applied: false,
    revision: undefined,
    appliedAt: undefined,
    environment: undefined,
    status: 'NotFound',
    components: [],
  };
}

/**
 * Follows a stack's health: calls `onChange` with the whole {@link StackHealth} after the
 * watches' initial listings, then on every change of any object, coalesced to at most one
 * call per `debounceMs` (milliseconds, default 200). One watch per kind and namespace of the
 * inventory; objects not seen yet count as NotFound.
 * Resolves when `signal` aborts. The inventory is read once at the start.
 *
 * @throws ConvoyError E_KUBE when a watch fails for good.
 */
export async function watchStatus(
  stack: string,
  options: ClusterOptions & { signal: AbortSignal; debounceMs?: number },
  onChange: (health: StackHealth) => void,
): Promise<void> {
  const { client, signal } = options;
  const inventory = await readInventory(client, stack, {
    namespace: options.inventoryNamespace ?? DEFAULT_INVENTORY_NAMESPACE,
  });
  if (!inventory) {
    onChange(notApplied(stack));
    return;
  }
  const live = new Map<string, KubeObject | undefined>();
  const wanted = new Set(inventory.objects.map((e) => keyOf(entryRef(e))));
  let timer: NodeJS.Timeout | undefined;
  const publish = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!signal.aborted) onChange(healthOf(inventory, live, options.statusOptions));
    }, options.debounceMs ?? 200);
  };
  const groups = new Map<string, { apiVersion: string; kind: string; namespace?: string }>();
  for (const e of inventory.objects) {
    groups.set(`${e.apiVersion}|${e.kind}|${e.namespace ?? ''}`, {
      apiVersion: e.apiVersion,
      kind: e.kind,
      ...(e.namespace ? { namespace: e.namespace } : {}),
    });
  }
  const onEvent = (ev: WatchEvent): void => {
    const key = keyOf({
      apiVersion: ev.object.apiVersion,
      kind: ev.object.kind,
      name: ev.object.metadata.name ?? '',
      ...(ev.object.metadata.namespace ? { namespace: ev.object.metadata.namespace } : {}),
    });
    if (!wanted.has(key)) return;
    live.set(key, ev.type === 'DELETED' ? undefined : ev.object);
    publish();
  };
  publish();
  try {
    await Promise.all(
      [...groups.values()].map((g) =>
        client.watch(g.apiVersion, g.kind, onEvent, { signal, ...(g.namespace ? { namespace: g.namespace } : {}) }),
      ),
    );
  } finally {
    clearTimeout(timer);
  }
}
