/**
 * HTTP to the API server over `node:http(s)`, with the kubeconfig's server, TLS and
 * credentials from @kubernetes/client-node's `KubeConfig` (`applyToHTTPSOptions`:
 * client certificates, bearer tokens, exec and auth-provider plugins, proxies).
 * Keeps one keep-alive agent per client. Raises {@link KubeHttpError} for non-2xx
 * responses and Node's own errors (ECONNREFUSED...) for network failures; classifying
 * and retrying them is the caller's job (./retry.ts).
 */
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { ConvoyError } from '../errors.ts';
import { KubeHttpError, RequestTimeoutError, type KubeStatus } from './errors.ts';
import { parseRetryAfter } from './retry.ts';

/** How to find the cluster. */
export interface TransportOptions {
  /** Path of a kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then in-cluster. */
  kubeconfig?: string;
  /** kubeconfig context. Default: the current context. */
  context?: string;
  /** Per-request timeout, ms (for streams: until the response headers). Default 30000. */
  requestTimeoutMs?: number;
}

/** One request. `path` starts with `/` (e.g. `/api/v1/namespaces`). */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Content type of the body. Default `application/json`. */
  contentType?: string;
  /** Extra request headers (e.g. Accept). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const USER_AGENT = `convoy/0.1 (node ${process.version})`;

/** Loads the kubeconfig as options say, raising E_FILE / E_USAGE / E_KUBE when it cannot. */
export function loadKubeConfig(options: TransportOptions): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig !== undefined) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (err) {
    const file = options.kubeconfig ?? process.env['KUBECONFIG'] ?? '~/.kube/config';
    const missing = (err as { code?: string }).code === 'ENOENT';
    throw new ConvoyError(missing ? 'E_FILE' : 'E_KUBE', `cannot load kubeconfig ${file}: ${(err as Error).message}`, {
      fix: missing ? 'pass --kubeconfig with an existing file, or set KUBECONFIG' : 'check the kubeconfig file',
      cause: err,
    });
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new ConvoyError('E_USAGE', `kubeconfig has no context "${options.context}"`, {
        expected: `one of: ${known.join(', ') || '(none)'}`,
        fix: 'pick an existing context (kubectl config get-contexts)',
      });
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new ConvoyError('E_KUBE', 'the kubeconfig names no cluster for the current context', {
      fix: 'pass --kubeconfig/--context, or set KUBECONFIG to a kubeconfig of the target cluster',
    });
  }
  return kc;
}

/** Sends requests to one API server. */
export class Transport {
  readonly #kc: KubeConfig;
  readonly #server: string;
  readonly #timeoutMs: number;
  /** Auth options when they cannot change (no exec/auth-provider plugin). */
  #staticOptions: https.RequestOptions | undefined;
  readonly #dynamicAuth: boolean;
  #agent: http.Agent | undefined;

  constructor(kc: KubeConfig, timeoutMs = 30_000) {
    this.#kc = kc;
    const cluster = kc.getCurrentCluster();
    this.#server = (cluster?.server ?? '').replace(/\/+$/, '');
    this.#timeoutMs = timeoutMs;
    const user = kc.getCurrentUser();
    this.#dynamicAuth = Boolean(user?.exec || user?.authProvider);
  }

  /** The API server URL, e.g. `https://127.0.0.1:6443`. */
  get server(): string {
    return this.#server;
  }

  /** Namespace of the current kubeconfig context, or `default`. */
  get defaultNamespace(): string {
    const ctx = this.#kc.getContextObject(this.#kc.getCurrentContext());
    return ctx?.namespace || 'default';
  }

  /** The kubeconfig user name, for `user@host` defaults (undefined when unnamed). */
  get userName(): string | undefined {
    return this.#kc.getCurrentUser()?.name;
  }

  async #options(): Promise<https.RequestOptions> {
    if (this.#staticOptions) return this.#staticOptions;
    const opts: https.RequestOptions = {};
    await this.#kc.applyToHTTPSOptions(opts);
    if (!this.#agent) {
      const cluster = this.#kc.getCurrentCluster();
      if (cluster?.proxyUrl) {
        // The kubeconfig's proxy agent (hpagent / socks), cached by KubeConfig.
        this.#agent = opts.agent as http.Agent;
      } else {
        const tls: https.AgentOptions = { keepAlive: true, keepAliveMsecs: 30_000 };
        for (const k of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const) {
          if (opts[k] !== undefined) (tls as Record<string, unknown>)[k] = opts[k];
        }
        this.#agent = this.#server.startsWith('http:') ? new http.Agent(tls) : new https.Agent(tls);
      }
    }
    const out: https.RequestOptions = { headers: { ...(opts.headers ?? {}) }, agent: this.#agent };
    if (opts.auth) out.auth = opts.auth;
    if (!this.#dynamicAuth) this.#staticOptions = out;
    return out;
  }

  #url(req: HttpRequest): URL {
    const url = new URL(this.#server + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  }

  /**
   * Opens a request and resolves with the response once its headers arrived (status
   * 2xx) — the body is left to the caller. Non-2xx responses are read and raised as
   * {@link KubeHttpError}. The timeout covers connecting and waiting for headers only.
   */
  async open(req: HttpRequest): Promise<http.IncomingMessage> {
    const opts = await this.#options();
    const url = this.#url(req);
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...(opts.headers as Record<string, string>),
      ...req.headers,
    };
    if (payload !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const mod = url.protocol === 'http:' ? http : https;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const r = mod.request(url, {
        method: req.method,
        headers,
        agent: opts.agent,
        ...(opts.auth ? { auth: opts.auth } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
      const timer = setTimeout(() => r.destroy(new RequestTimeoutError(this.#timeoutMs)), this.#timeoutMs);
      r.on('response', (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      r.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      r.end(payload);
    });
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return res;
    const text = await readBody(res);
    throw new KubeHttpError(status, parseStatus(text), parseRetryAfter(headerValue(res.headers['retry-after'])));
  }

  /** Sends a request and returns the parsed JSON body (undefined when empty). */
  async request(req: HttpRequest): Promise<unknown> {
    const deadline = new AbortController();
    const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;
    const timeout = new RequestTimeoutError(this.#timeoutMs);
    const timer = setTimeout(() => deadline.abort(timeout), this.#timeoutMs);
    try {
      const res = await this.open({ ...req, signal });
      const text = await readBody(res);
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch (err) {
      if (deadline.signal.aborted && !req.signal?.aborted) throw timeout;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Frees the keep-alive sockets. */
  close(): void {
    if (this.#agent && !this.#kc.getCurrentCluster()?.proxyUrl) this.#agent.destroy();
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/** The Status object in an error body, or a synthetic one with the body's first 200 characters. */
function parseStatus(text: string): KubeStatus | undefined {
  if (text === '') return undefined;
  try {
    const v = JSON.parse(text) as KubeStatus;
    if (v && typeof v === 'object' && v.kind === 'Status') return v;
  } catch {
    // not JSON: a proxy or load balancer answered
  }
  return { message: text.slice(0, 200).trim() };
}
