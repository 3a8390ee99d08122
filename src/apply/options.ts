/**
 * Options and results of {@link apply}, {@link destroy} and {@link status} (src/apply/index.ts).
 * The CLI validates flags into these objects; the library runs from them.
 */
import type { ErrorCode } from '../errors.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import type { Status, StatusOptions } from '../status/types.ts';

/** What every operation needs to reach the cluster and the inventory. */
export interface ClusterOptions {
  /** The API client (src/kube createClient). The caller creates and closes it. */
  client: KubeClient;
  /** Namespace of the inventory ConfigMap and the lock Lease. @default `convoy-system` */
  inventoryNamespace?: string;
  /** Options of computeStatus (e.g. `waitForLoadBalancer: false` on clusters without a load balancer). @default computeStatus's */
  statusOptions?: StatusOptions;
}

export interface ApplyOptions extends ClusterOptions {
  /** Field manager of server-side apply. @default `convoy` */
  fieldManager?: string;
  /** Take ownership of fields another field manager holds (server-side apply `force=true`). @default false: conflicts fail the component (E_CONFLICT) */
  forceConflicts?: boolean;
  /**
   * Take over existing objects that no inventory owns (no `convoy.dev/inventory` annotation).
   * Objects owned by another stack's inventory are never taken.
   * @default false: such objects stop the apply before anything is written (E_CONFLICT)
   */
  adopt?: boolean;
  /** Delete objects that left the stack (in the inventory, no longer rendered) after a fully successful apply. @default true */
  prune?: boolean;
  /**
   * Names of every component of the stack file, selected or not (the CLI knows them from the
   * loaded stack). Inventory entries of components missing from this list left the stack and
   * are pruned. Entries of components that are in the stack but not selected (`--only`) are
   * never touched.
   * @default unknown: only objects that left a selected component are pruned; a component
   *   removed from the stack file is then not pruned
   */
  stackComponents?: readonly string[];
  /** Components deployed at once. @default 16 */
  concurrency?: number;
  /** Objects applied at once inside one phase of one component. @default 8 */
  objectConcurrency?: number;
  /** Time for the whole apply, in seconds; per-component limits are ResolvedComponent.timeoutSeconds. @default none */
  timeoutSeconds?: number;
  /**
   * Server-side dry run: every object is sent with `dryRun=All` (validated and defaulted by
   * the API server, nothing persisted); no lock, no inventory write, no waits, no deletes.
   * @default false
   */
  dryRun?: boolean;
  /** Time to wait for each prune step to be gone, in seconds. @default 300 */
  pruneTimeoutSeconds?: number;
  /** Lease duration of the stack lock, in seconds (renewed every third of it). @default 60 */
  lockTtlSeconds?: number;
  /** holderIdentity of the stack lock. @default `user@host pid N #k`, unique per operation */
  lockHolder?: string;
  /** Cancels the apply: running components are stopped, pending ones skipped; the lock is released. */
  signal?: AbortSignal;
}

/** A component that failed, as {@link ApplyResult} lists it. */
export interface ComponentFailureSummary {
  component: string;
  code: ErrorCode;
  /** Kubernetes reason (`ImagePullBackOff`) or the code. */
  reason: string;
  /** The whole explanation (several lines). */
  message: string;
  ref?: ObjectRef;
  hint?: string;
}

/** Object counts of an operation. */
export interface ObjectCounts {
  created: number;
  configured: number;
  unchanged: number;
  pruned: number;
  deleted: number;
  kept: number;
}

/** What {@link apply} returns (it throws only for problems before or around the deployment: lock, ownership, API). */
export interface ApplyResult {
  stack: string;
  /** True when every component became ready (and prune, if any, succeeded). */
  ok: boolean;
  dryRun: boolean;
  /** Components in the order they became ready. */
  ready: string[];
  failed: ComponentFailureSummary[];
  skipped: { component: string; reason: 'need-failed' | 'cancelled'; because: string[] }[];
  objects: ObjectCounts;
  /** Objects deleted by prune (or that would be, in a dry run). */
  pruned: ObjectRef[];
  /** Inventory revision after the apply; undefined in a dry run or when never written. */
  inventoryRevision: number | undefined;
  /** All API writes of this apply (client.stats().writes delta), the lock's included. */
  writes: number;
  /** API writes to stack objects only (applies, prunes, hook deletes): 0 when nothing changed. */
  objectWrites: number;
  /** All API requests of this apply. */
  requests: number;
  durationMs: number;
}

export interface DestroyOptions extends ClusterOptions {
  /** Also delete PersistentVolumeClaims and objects marked `convoy.dev/keep: "true"` / `helm.sh/resource-policy: keep`. @default false */
  purge?: boolean;
  /** Server-side dry run of the deletes; nothing is deleted, the inventory stays. @default false */
  dryRun?: boolean;
  /** Time for each deletion step to be gone, in seconds. @default 300 */
  stepTimeoutSeconds?: number;
  /** Lease duration of the stack lock, in seconds. @default 60 */
  lockTtlSeconds?: number;
  /** holderIdentity of the stack lock. @default `user@host pid N #k`, unique per operation */
  lockHolder?: string;
  signal?: AbortSignal;
}

export interface DestroyResult {
  stack: string;
  /** True when everything deletable is gone (and the inventory deleted, unless a dry run). */
  ok: boolean;
  dryRun: boolean;
  deleted: ObjectRef[];
  /** Kept objects (PVCs, keep-marked, Namespaces holding them), with why. */
  kept: { ref: ObjectRef; detail: string }[];
  /** Entries skipped: already gone, or no longer ours. */
  skipped: ObjectRef[];
  failed: { ref: ObjectRef; code: ErrorCode; message: string }[];
  /** Whether the inventory was deleted. False when there was none or something failed. */
  inventoryDeleted: boolean;
  writes: number;
  requests: number;
  durationMs: number;
}

/** The health of one object of the inventory. */
export interface ObjectHealth {
  ref: ObjectRef;
  status: Status;
  message: string;
  reason?: string;
}

/** The health of one component (aggregateStatus of its objects). */
export interface ComponentHealth {
  name: string;
  status: Status;
  message: string;
  reason?: string;
  objects: ObjectHealth[];
}

/** What {@link status} returns. */
export interface StackHealth {
  stack: string;
  /** False when the stack has no inventory (never applied, or destroyed). */
  applied: boolean;
  revision: number | undefined;
  /** RFC 3339 time of the last inventory write. */
  appliedAt: string | undefined;
  environment: string | undefined;
  /** The worst component status (Current when all are). */
  status: Status;
  /** Components by name. */
  components: ComponentHealth[];
}
