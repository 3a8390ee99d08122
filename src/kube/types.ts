/**
 * The contract of convoy's one Kubernetes wrapper (src/kube/), over @kubernetes/client-node.
 * Everything that talks to an API server goes through {@link KubeClient}; the rest of convoy
 * (plan, apply, inventory) depends on this interface only.
 */
import type { KubeObject } from '../objects/types.ts';

/** Identity of one object. `namespace` is undefined for cluster-scoped kinds. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** What discovery knows about a kind (the REST mapping). */
export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  namespaced: boolean;
}

export interface ClientOptions {
  /** Path of a kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then in-cluster. */
  kubeconfig?: string;
  /** kubeconfig context. Default: the current context. */
  context?: string;
  /** Client-side rate limit, requests per second. Default 2000 (client-go's default is 5): sized so the client is never the bottleneck; the API server's priority and fairness answers 429 when it is, which is retried. */
  qps?: number;
  /** Burst above qps. Default 4000. */
  burst?: number;
  /** Per-request timeout in seconds. Default 30. */
  requestTimeoutSeconds?: number;
  /** Retries for retryable failures (409 on non-apply, 429, 5xx, network). Default 5, exponential backoff from 200 ms, max 5 s, honouring Retry-After. */
  maxRetries?: number;
}

export interface ApplyOptions {
  /** Field manager of server-side apply. Default `convoy`. */
  fieldManager: string;
  /** Take ownership of fields another manager holds (`force=true`). Default false: conflicts are errors. */
  force?: boolean;
  /** Server-side dry run (`dryRun=All`): nothing is persisted. */
  dryRun?: boolean;
}

export interface DeleteOptions {
  /** Default `Background` (`Foreground` waits for dependents on the server side). */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  dryRun?: boolean;
  /** Delete only if the live object still has this resourceVersion / uid; otherwise ConvoyError E_CONFLICT. */
  preconditions?: { resourceVersion?: string; uid?: string };
}

/** Options of {@link KubeClient.list}. */
export interface ListOptions {
  /** One namespace; default all namespaces (ignored for cluster-scoped kinds). */
  namespace?: string;
  /** Label selector, e.g. `app=web,tier!=db`. */
  labelSelector?: string;
  /** Field selector, e.g. `metadata.name=web`. */
  fieldSelector?: string;
}

/** One event of a watch (type as the API server sends it). */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

export interface WatchOptions {
  namespace?: string;
  /** Field selector, e.g. `metadata.name=web`. */
  fieldSelector?: string;
  labelSelector?: string;
  /** Aborting ends the watch (resolves the returned promise). */
  signal: AbortSignal;
}

/** Counts of requests made, by verb (for benchmarks and `--output json` summaries). */
export interface RequestStats {
  total: number;
  byVerb: Record<string, number>;
  /** Requests that changed state (create/update/patch/delete, not dry-run). */
  writes: number;
}

/**
 * The API server, as convoy uses it. Errors are ConvoyError: E_KUBE (terminal, with the
 * API status reason and message), E_CONFLICT (server-side apply conflicts, listing the
 * fields and their managers); retryable failures are retried inside first.
 */
export interface KubeClient {
  /** The REST mapping of a kind; refreshes discovery once on a miss (new CRDs). */
  resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo>;
  /** Server-side apply (PATCH application/apply-patch+yaml). Returns the object the server returned. */
  apply(obj: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /** GET; undefined when 404. */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** LIST of one kind (all pages), optionally in one namespace and by label/field selector. Items carry apiVersion and kind. */
  list(apiVersion: string, kind: string, options?: ListOptions): Promise<KubeObject[]>;
  /** DELETE; false when it was already gone. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<boolean>;
  /** Create (POST); E_CONFLICT-free 409 AlreadyExists is returned as `undefined`. Used for Leases. */
  create(obj: KubeObject): Promise<KubeObject | undefined>;
  /** Update (PUT) with optimistic concurrency on metadata.resourceVersion; 409 → ConvoyError E_CONFLICT. */
  replace(obj: KubeObject): Promise<KubeObject>;
  /**
   * Watch one kind from a LIST's resourceVersion: calls onEvent for the initial objects
   * (as ADDED) and every change, re-listing on 410 Gone; resolves when signal aborts.
   */
  watch(apiVersion: string, kind: string, onEvent: (e: WatchEvent) => void, options: WatchOptions): Promise<void>;
  /** Events (core/v1) about one object, newest last. */
  eventsFor(ref: ObjectRef): Promise<KubeObject[]>;
  /** Requests made so far. */
  stats(): RequestStats;
  /** The API server URL from the kubeconfig, e.g. `https://127.0.0.1:6443`. */
  readonly server: string;
  /** Namespace of the kubeconfig context (`default` when unset); used for namespaced objects without one. */
  readonly defaultNamespace: string;
  /** Closes idle keep-alive connections (the client still works afterwards, reconnecting). */
  close(): void;
}
