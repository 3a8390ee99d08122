/**
 * What applying one object would change: read the live object, check who owns it, send the
 * apply as a server-side dry run, and compare the dry-run result with the live object
 * (`kubectl diff --server-side` does the same). Shared by `convoy plan` (diffStack) and
 * apply (which sends no write for an `unchanged` object).
 */
import { unchangedSinceApplied, withAppliedHash } from './applied-hash.ts';
import { ConvoyError } from '../errors.ts';
import { canApply, withOwner } from '../inventory/ownership.ts';
import { isStatus } from '../kube/errors.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import { isClusterScoped, parseApiVersion } from '../objects/identity.ts';
import type { KubeObject } from '../objects/types.ts';
import { diffFields, type FieldChange } from './diff-fields.ts';
import { redactChanges } from './diff-redact.ts';
import type { DiffAction } from './diff-types.ts';

/** Who may change an object (the inventory's ownership annotation and adoption policy). */
export interface Ownership {
  /** The object as it is sent: with the ownership annotation set. Must not modify its input. */
  annotate(obj: KubeObject): KubeObject;
  /** Whether a live object may be applied; when not, `detail` says who owns it. */
  check(live: KubeObject): { ok: true } | { ok: false; detail: string };
}

export interface DiffObjectOptions {
  /** Field manager of the dry run (the same as the real apply's). */
  fieldManager: string;
  /** Dry-run with `force=true`, as the apply would (no `conflict` then). */
  force?: boolean;
  ownership: Ownership;
  /**
   * `group/Kind` of custom resources whose CRD this same apply creates: when the API server
   * does not serve them yet, they are `create` instead of an error.
   */
  pendingKinds?: ReadonlySet<string>;
  /** Namespaces this same apply creates: objects in them that the server cannot dry-run yet are `create`. */
  pendingNamespaces?: ReadonlySet<string>;
  /** Skip the dry run when the object does not exist yet (apply creates it anyway). Default false. */
  skipDryRunOnCreate?: boolean;
}

/** The change one apply would make to one object. */
export interface ObjectChange {
  ref: ObjectRef;
  /** `create`, `update`, `unchanged`, `exists-not-owned` or `conflict`. */
  action: Extract<DiffAction, 'create' | 'update' | 'unchanged' | 'exists-not-owned' | 'conflict'>;
  /** Changed fields for `update` (secret values redacted). */
  changes: FieldChange[];
  detail?: string;
  /** The object as it would be sent (annotated). */
  desired: KubeObject;
  /** The live object, when it exists. */
  live?: KubeObject;
}

/**
 * Diffs one object against the cluster. Two reads (GET, dry-run PATCH), no writes.
 *
 * @throws ConvoyError `E_KUBE` for API failures other than the expected ones (a kind or
 *   namespace this apply creates first, an apply conflict).
 */
export async function diffObject(
  client: KubeClient,
  obj: KubeObject,
  ref: ObjectRef,
  options: DiffObjectOptions,
): Promise<ObjectChange> {
  const desired = options.ownership.annotate(obj);
  const base = { ref, desired, changes: [] as FieldChange[] };
  const { group } = parseApiVersion(ref.apiVersion);
  let live: KubeObject | undefined;
  try {
    live = await client.get(ref);
  } catch (err) {
    if (options.pendingKinds?.has(`${group}/${ref.kind}`)) {
      return { ...base, action: 'create', detail: 'its CustomResourceDefinition is created first' };
    }
    throw err;
  }
  if (live) {
    const owner = options.ownership.check(live);
    if (!owner.ok) return { ...base, live, action: 'exists-not-owned', detail: owner.detail };
    if (unchangedSinceApplied(live, desired, options.fieldManager)) return { ...base, live, action: 'unchanged' };
  } else if (options.skipDryRunOnCreate) {
    return { ...base, action: 'create' };
  }
  let dry: KubeObject;
  try {
    dry = await client.apply(desired, {
      fieldManager: options.fieldManager,
      force: options.force ?? false,
      dryRun: true,
    });
  } catch (err) {
    if (err instanceof ConvoyError && err.code === 'E_CONFLICT') {
      return { ...base, ...(live ? { live } : {}), action: 'conflict', detail: conflictDetail(err) };
    }
    if (!live && err instanceof ConvoyError && isStatus(err.cause, 404)) {
      if (ref.namespace && options.pendingNamespaces?.has(ref.namespace)) {
        return { ...base, action: 'create', detail: `namespace ${ref.namespace} is created first` };
      }
    }
    throw err;
  }
  if (!live) return { ...base, action: 'create' };
  const changes = redactChanges(ref, diffFields(live, dry));
  return { ...base, live, action: changes.length === 0 ? 'unchanged' : 'update', changes };
}

/** `field manager "kubectl-edit" owns .spec.replicas` from an E_CONFLICT message. */
function conflictDetail(err: ConvoyError): string {
  const m = /conflicts: (.*)$/s.exec(err.message);
  return (m?.[1] ?? err.message).trim();
}

/**
 * The ownership of a stack's inventory (src/inventory/ownership.ts): objects get the
 * `convoy.dev/inventory: <id>` annotation; live objects are applied over when `canApply`
 * allows it (`adopt`: unowned existing objects too; never another inventory's).
 */
export function inventoryOwnership(id: string, adopt: boolean): Ownership {
  return {
    annotate: (obj) => withAppliedHash(withOwner(obj, id)),
    check: (live) => {
      const d = canApply(live, id, adopt ? 'adopt' : 'strict');
      return d.ok ? { ok: true } : { ok: false, detail: d.reason };
    },
  };
}

/**
 * The ref of a rendered object: apiVersion, kind, name, and the namespace for namespaced
 * kinds (none for cluster-scoped ones: the built-in list of src/objects/identity.ts, or
 * `clusterScoped` `group/Kind` keys from the stack's CRDs).
 */
export function refOf(obj: KubeObject, clusterScoped?: ReadonlySet<string>): ObjectRef {
  const { group } = parseApiVersion(obj.apiVersion);
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '' };
  if (obj.metadata.namespace && !isClusterScoped(group, obj.kind, clusterScoped))
    ref.namespace = obj.metadata.namespace;
  return ref;
}
