/**
 * The inventory: one ConfigMap per stack, `convoy-inventory-<stack>` in the inventory
 * namespace (default `convoy-system`), recording what convoy owns. A ConfigMap rather than
 * a Secret: it holds only object refs and digests, and stays readable with kubectl.
 *
 * data:
 * - `objects`: sorted JSON list of {@link InventoryEntry} (one per line);
 * - `revision`: 1, 2, 3... one more on every write;
 * - `renderedHash`: `sha256:...` of the rendered set (./hash.ts);
 * - `appliedAt`: RFC 3339 UTC; `appliedBy`: `user@host`; `environment`: the stack environment ('' for none).
 *
 * Writes use optimistic concurrency on metadata.resourceVersion (the Lease lock is the
 * first guard; this is the second).
 */
import { z } from 'zod';
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import type { KubeClient } from '../kube/types.ts';
import { normalizeEntry, sortEntries, type InventoryEntry } from './entries.ts';
import { defaultAppliedBy } from './holder.ts';
import { ensureNamespace } from './namespace.ts';
import { DEFAULT_INVENTORY_NAMESPACE, inventoryId } from './ownership.ts';

/** Label on inventories and locks naming their stack (to list them). */
export const STACK_LABEL = 'convoy.dev/stack';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'convoy' } as const;

/** Where inventories live. */
export interface InventoryOptions {
  /** Namespace of the inventory ConfigMap. Default `convoy-system`. */
  namespace?: string;
}

/** A stack's inventory as read from (or written to) the cluster. */
export interface Inventory {
  stack: string;
  /** Namespace of the ConfigMap. */
  namespace: string;
  /** `<namespace>/<stack>`, the value of the ownership annotation. */
  id: string;
  objects: InventoryEntry[];
  revision: number;
  renderedHash: string;
  appliedAt: string;
  appliedBy: string;
  environment: string;
  /** resourceVersion of the ConfigMap when read; the precondition of the next write. */
  resourceVersion: string | undefined;
}

/** What an apply records. */
export interface InventoryRecord {
  objects: Iterable<InventoryEntry>;
  renderedHash: string;
  environment?: string;
  /** Default `user@host` of this process. */
  appliedBy?: string;
  /** Default now. */
  appliedAt?: Date;
}

/** Name of a stack's inventory ConfigMap: `convoy-inventory-<stack>`. */
export function inventoryName(stack: string): string {
  return `convoy-inventory-${stack}`;
}

const entrySchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  namespace: z.string().optional(),
  name: z.string().min(1),
  component: z.string().default(''),
});
const dataSchema = z.object({
  objects: z.string(),
  revision: z.string().regex(/^\d+$/),
  renderedHash: z.string().default(''),
  appliedAt: z.string().default(''),
  appliedBy: z.string().default(''),
  environment: z.string().default(''),
});

/** The ConfigMap of an inventory (pure). Entries are sorted; the resourceVersion, when set, is kept as a precondition. */
export function inventoryToConfigMap(inv: Omit<Inventory, 'id'>): KubeObject {
  const objects = sortEntries(inv.objects);
  const metadata: KubeObject['metadata'] = {
    name: inventoryName(inv.stack),
    namespace: inv.namespace,
    labels: { ...MANAGED_BY, [STACK_LABEL]: inv.stack },
  };
  if (inv.resourceVersion) metadata['resourceVersion'] = inv.resourceVersion;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata,
    data: {
      objects: objects.length === 0 ? '[]' : `[\n${objects.map((e) => JSON.stringify(e)).join(',\n')}\n]`,
      revision: String(inv.revision),
      renderedHash: inv.renderedHash,
      appliedAt: inv.appliedAt,
      appliedBy: inv.appliedBy,
      environment: inv.environment,
    },
  };
}

/**
 * The inventory in a ConfigMap (pure).
 *
 * @throws ConvoyError E_KUBE when the data is not an inventory (edited by hand?).
 */
export function inventoryFromConfigMap(cm: KubeObject, stack: string): Inventory {
  const namespace = cm.metadata.namespace ?? '';
  const where = `inventory ${namespace}/${cm.metadata.name ?? inventoryName(stack)}`;
  const corrupt = (detail: string, cause?: unknown): ConvoyError =>
    new ConvoyError('E_KUBE', `${where} is not readable: ${detail}`, {
      fix: `inspect it with kubectl -n ${namespace} get configmap ${inventoryName(stack)} -o yaml; deleting it makes convoy forget what it owns`,
      cause,
    });
  const data = dataSchema.safeParse(cm['data'] ?? {});
  if (!data.success) throw corrupt(data.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  let raw: unknown;
  try {
    raw = JSON.parse(data.data.objects);
  } catch (err) {
    throw corrupt('objects is not JSON', err);
  }
  const objects = z.array(entrySchema).safeParse(raw);
  if (!objects.success) throw corrupt(`objects: ${objects.error.issues[0]?.message ?? 'invalid'}`);
  const rv = cm.metadata['resourceVersion'];
  return {
    stack,
    namespace,
    id: inventoryId(stack, namespace),
    objects: objects.data.map((e) => normalizeEntry(e as InventoryEntry)),
    revision: Number(data.data.revision),
    renderedHash: data.data.renderedHash,
    appliedAt: data.data.appliedAt,
    appliedBy: data.data.appliedBy,
    environment: data.data.environment,
    resourceVersion: typeof rv === 'string' ? rv : undefined,
  };
}

/**
 * Reads a stack's inventory; undefined when the stack was never applied (or destroyed).
 *
 * @throws ConvoyError E_KUBE on API failures or an unreadable inventory.
 */
export async function readInventory(
  client: KubeClient,
  stack: string,
  options: InventoryOptions = {},
): Promise<Inventory | undefined> {
  const namespace = options.namespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const cm = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: inventoryName(stack) });
  return cm ? inventoryFromConfigMap(cm, stack) : undefined;
}

/**
 * Writes a stack's inventory: revision = previous + 1 (1 for the first). With `previous`
 * (as read by {@link readInventory}), the write succeeds only if nobody wrote since; without,
 * only if no inventory exists yet. Creates the namespace when missing.
 *
 * @throws ConvoyError E_CONFLICT when the inventory changed (or appeared) since it was
 *   read — another apply ran; E_KUBE on API failures.
 */
export async function writeInventory(
  client: KubeClient,
  stack: string,
  record: InventoryRecord,
  options: InventoryOptions & { previous?: Inventory | undefined } = {},
): Promise<Inventory> {
  const namespace = options.namespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const previous = options.previous;
  const next: Omit<Inventory, 'id'> = {
    stack,
    namespace,
    objects: sortEntries(record.objects),
    revision: (previous?.revision ?? 0) + 1,
    renderedHash: record.renderedHash,
    appliedAt: (record.appliedAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    appliedBy: record.appliedBy ?? defaultAppliedBy(),
    environment: record.environment ?? '',
    resourceVersion: previous?.resourceVersion,
  };
  const where = `inventory ${namespace}/${inventoryName(stack)}`;
  const fix = 'another apply of this stack ran meanwhile; re-run to plan against what it did';
  let written: KubeObject | undefined;
  if (previous?.resourceVersion) {
    try {
      written = await client.replace(inventoryToConfigMap(next));
    } catch (err) {
      if (err instanceof ConvoyError && err.code === 'E_CONFLICT') {
        throw new ConvoyError('E_CONFLICT', `${where} changed since revision ${previous.revision} was read`, {
          fix,
          cause: err,
        });
      }
      throw err;
    }
  } else {
    await ensureNamespace(client, namespace);
    written = await client.create(inventoryToConfigMap(next));
    if (!written) throw new ConvoyError('E_CONFLICT', `${where} was created by another apply meanwhile`, { fix });
  }
  return inventoryFromConfigMap(written, stack);
}

/**
 * Deletes a stack's inventory (after destroy). False when there was none.
 *
 * @throws ConvoyError E_CONFLICT when `previous` is given and the inventory changed since.
 */
export async function deleteInventory(
  client: KubeClient,
  stack: string,
  options: InventoryOptions & { previous?: Inventory | undefined } = {},
): Promise<boolean> {
  const namespace = options.namespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const rv = options.previous?.resourceVersion;
  return client.delete(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace, name: inventoryName(stack) },
    rv ? { preconditions: { resourceVersion: rv } } : {},
  );
}

/** All inventories in the namespace, sorted by stack. */
export async function listInventories(client: KubeClient, options: InventoryOptions = {}): Promise<Inventory[]> {
  const namespace = options.namespace ?? DEFAULT_INVENTORY_NAMESPACE;
  const cms = await client.list('v1', 'ConfigMap', { namespace, labelSelector: STACK_LABEL });
  return cms
    .filter((cm) => cm.metadata.name?.startsWith('convoy-inventory-'))
    .map((cm) => inventoryFromConfigMap(cm, cm.metadata.labels?.[STACK_LABEL] ?? ''))
    .sort((a, b) => (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}
