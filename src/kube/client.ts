/**
 * {@link createClient}: the one implementation of {@link KubeClient}. Each request goes
 * through the rate limiter, is counted, sent by ./transport.ts, and retried per
 * ./errors.ts + ./retry.ts; failures leave as ConvoyError.
 */
import type { Readable } from 'node:stream';
import { ConvoyError } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import { buildApplyRequest, targetNamespace } from './apply.ts';
import { Discovery } from './discovery.ts';
import { isStatus, type RequestContext } from './errors.ts';
import { groupVersionPath, resourcePath } from './paths.ts';
import { TokenBucket } from './rate-limit.ts';
import { withRetry } from './retry.ts';
import { StatsCounter } from './stats.ts';
import { loadKubeConfig, Transport, type HttpRequest } from './transport.ts';
import type {
  ApplyOptions,
  ClientOptions,
  DeleteOptions,
  KubeClient,
  ListOptions,
  ObjectRef,
  RequestStats,
  ResourceInfo,
  WatchEvent,
  WatchOptions,
} from './types.ts';
import { runWatch } from './watch.ts';

/** Page size of LIST requests. */
const PAGE_SIZE = 500;

/**
 * Connects to the cluster of a kubeconfig (nothing is requested until first use).
 *
 * Defaults: kubeconfig from $KUBECONFIG, ~/.kube/config, then in-cluster; the current
 * context; qps 2000, burst 4000; 30 s per request; 5 retries from 200 ms up to 5 s.
 *
 * @throws ConvoyError E_FILE (kubeconfig file missing), E_USAGE (unknown context),
 *   E_KUBE (kubeconfig without a cluster).
 */
export async function createClient(options: ClientOptions = {}): Promise<KubeClient> {
  const kc = loadKubeConfig(options);
  const transport = new Transport(kc, (options.requestTimeoutSeconds ?? 30) * 1000);
  return new Client(transport, options);
}

class Client implements KubeClient {
  readonly #transport: Transport;
  readonly #bucket: TokenBucket;
  readonly #stats = new StatsCounter();
  readonly #maxRetries: number;
  readonly #discovery: Discovery;

  constructor(transport: Transport, options: ClientOptions) {
    this.#transport = transport;
    this.#bucket = new TokenBucket(options.qps ?? 2000, options.burst ?? 4000);
    this.#maxRetries = options.maxRetries ?? 5;
    this.#discovery = new Discovery((apiVersion) => this.#discover(apiVersion));
  }

  get server(): string {
    return this.#transport.server;
  }

  get defaultNamespace(): string {
    return this.#transport.defaultNamespace;
  }

  /** One request with rate limit, counting and retries. */
  async #call(ctx: RequestContext, req: HttpRequest, dryRun = false): Promise<unknown> {
    return withRetry(
      async () => {
        await this.#bucket.take(req.signal);
        this.#stats.record(ctx.verb, dryRun);
        return this.#transport.request(req);
      },
      { context: ctx, maxRetries: this.#maxRetries, ...(req.signal ? { signal: req.signal } : {}) },
    );
  }

  async #discover(apiVersion: string): Promise<unknown> {
    try {
      return await this.#call(
        { verb: 'discovery', kind: apiVersion },
        { method: 'GET', path: groupVersionPath(apiVersion) },
      );
    } catch (err) {
      if (err instanceof ConvoyError && isStatus(err.cause, 404)) return undefined;
      throw err;
    }
  }

  resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo> {
    return this.#discovery.resourceFor(apiVersion, kind);
  }

  async apply(obj: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const info = await this.resourceFor(obj.apiVersion, obj.kind);
    const req = buildApplyRequest(info, obj, options, this.defaultNamespace);
    const ctx = this.#context('apply', obj.kind, targetNamespace(info, obj, this.defaultNamespace), obj.metadata.name);
    return (await this.#call(ctx, req, options.dryRun === true)) as KubeObject;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const info = await this.resourceFor(ref.apiVersion, ref.kind);
    const ns = this.#ns(info, ref.namespace);
    try {
      return (await this.#call(this.#context('get', ref.kind, ns, ref.name), {
        method: 'GET',
        path: resourcePath(info, ns, ref.name),
      })) as KubeObject;
    } catch (err) {
      if (err instanceof ConvoyError && isStatus(err.cause, 404)) return undefined;
      throw err;
    }
  }

  async list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<KubeObject[]> {
    const info = await this.resourceFor(apiVersion, kind);
    return (await this.#listAll(info, apiVersion, options)).items;
  }

  async #listAll(
    info: ResourceInfo,
    apiVersion: string,
    options: ListOptions & { signal?: AbortSignal },
  ): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const ns = info.namespaced ? options.namespace : undefined;
    const items: KubeObject[] = [];
    let cont: string | undefined;
    let resourceVersion = '';
    do {
      const page = (await this.#call(this.#context('list', info.kind, ns), {
        method: 'GET',
        path: resourcePath(info, ns),
        query: {
          limit: String(PAGE_SIZE),
          continue: cont,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
        },
        ...(options.signal ? { signal: options.signal } : {}),
      })) as { items?: KubeObject[]; metadata?: { continue?: string; resourceVersion?: string } };
      for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind: info.kind });
      cont = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (cont);
    return { items, resourceVersion };
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<boolean> {
    const info = await this.resourceFor(ref.apiVersion, ref.kind);
    const ns = this.#ns(info, ref.namespace);
    const body: Record<string, unknown> = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: options.propagationPolicy ?? 'Background',
    };
    if (options.dryRun) body['dryRun'] = ['All'];
    if (options.preconditions) body['preconditions'] = options.preconditions;
    const ctx = this.#context('delete', ref.kind, ns, ref.name);
    if (options.preconditions) ctx.precondition = true;
    try {
      await this.#call(
        ctx,
        { method: 'DELETE', path: resourcePath(info, ns, ref.name), body },
        options.dryRun === true,
      );
      return true;
    } catch (err) {
      if (err instanceof ConvoyError && isStatus(err.cause, 404)) return false;
      throw err;
    }
  }

  async create(obj: KubeObject): Promise<KubeObject | undefined> {
    const info = await this.resourceFor(obj.apiVersion, obj.kind);
    const ns = targetNamespace(info, obj, this.defaultNamespace);
    const metadata = ns === undefined ? obj.metadata : { ...obj.metadata, namespace: ns };
    try {
      return (await this.#call(this.#context('create', obj.kind, ns, obj.metadata.name), {
        method: 'POST',
        path: resourcePath(info, ns),
        body: { ...obj, metadata },
      })) as KubeObject;
    } catch (err) {
      if (err instanceof ConvoyError && isStatus(err.cause, 409, 'AlreadyExists')) return undefined;
      throw err;
    }
  }

  async replace(obj: KubeObject): Promise<KubeObject> {
    const info = await this.resourceFor(obj.apiVersion, obj.kind);
    const ns = targetNamespace(info, obj, this.defaultNamespace);
    const name = obj.metadata.name;
    if (!name) throw new ConvoyError('E_USAGE', `cannot replace a ${obj.kind} without metadata.name`);
    const metadata = ns === undefined ? obj.metadata : { ...obj.metadata, namespace: ns };
    const ctx = this.#context('update', obj.kind, ns, name);
    ctx.precondition = typeof obj.metadata['resourceVersion'] === 'string';
    return (await this.#call(ctx, {
      method: 'PUT',
      path: resourcePath(info, ns, name),
      body: { ...obj, metadata },
    })) as KubeObject;
  }

  async watch(
    apiVersion: string,
    kind: string,
    onEvent: (e: WatchEvent) => void,
    options: WatchOptions,
  ): Promise<void> {
    const info = await this.resourceFor(apiVersion, kind);
    const ns = info.namespaced ? options.namespace : undefined;
    const selectors = {
      ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
      ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
    };
    await runWatch(
      {
        context: this.#context('watch', kind, ns),
        maxRetries: this.#maxRetries,
        list: (signal) => this.#listAll(info, apiVersion, { ...selectors, ...(ns ? { namespace: ns } : {}), signal }),
        open: async (query, signal): Promise<Readable> => {
          await this.#bucket.take(signal);
          this.#stats.record('watch');
          return this.#transport.open({
            method: 'GET',
            path: resourcePath(info, ns),
            query: { ...query, ...selectors },
            signal,
          });
        },
      },
      onEvent,
      options.signal,
    );
  }

  async eventsFor(ref: ObjectRef): Promise<KubeObject[]> {
    const fieldSelector = [`involvedObject.name=${ref.name}`, `involvedObject.kind=${ref.kind}`];
    if (ref.namespace) fieldSelector.push(`involvedObject.namespace=${ref.namespace}`);
    const events = await this.list('v1', 'Event', {
      // Events about cluster-scoped objects are recorded in `default`.
      namespace: ref.namespace ?? 'default',
      fieldSelector: fieldSelector.join(','),
    });
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
    return events
      .filter((e) => {
        const av = (e['involvedObject'] as { apiVersion?: string } | undefined)?.apiVersion ?? '';
        return (av.includes('/') ? av.slice(0, av.indexOf('/')) : '') === group;
      })
      .sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  }

  stats(): RequestStats {
    return this.#stats.snapshot();
  }

  close(): void {
    this.#transport.close();
  }

  #ns(info: ResourceInfo, namespace: string | undefined): string | undefined {
    return info.namespaced ? namespace || this.defaultNamespace : undefined;
  }

  #context(verb: string, kind: string, namespace?: string, name?: string): RequestContext {
    const ctx: RequestContext = { verb, kind };
    if (namespace !== undefined) ctx.namespace = namespace;
    if (name !== undefined) ctx.name = name;
    return ctx;
  }
}

/** When an event last happened, as a sortable RFC 3339 string. */
function eventTime(e: KubeObject): string {
  const series = e['series'] as { lastObservedTime?: string } | undefined;
  const md = e.metadata as { creationTimestamp?: string };
  const t =
    series?.lastObservedTime ??
    (e['lastTimestamp'] as string | undefined) ??
    (e['eventTime'] as string | undefined) ??
    (e['firstTimestamp'] as string | undefined) ??
    md.creationTimestamp ??
    '';
  // eventTime has microseconds, lastTimestamp seconds: compare on seconds, then as is.
  return t.replace(/\.\d+Z$/, 'Z');
}
