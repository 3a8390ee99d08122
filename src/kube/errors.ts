/**
 * The one place that maps Kubernetes and network failures into {@link ConvoyError} and
 * decides retry versus terminal (STYLE.md item 4; Garden `plugins/kubernetes/retry.ts`,
 * client-go `rest/request.go` + `apimachinery/pkg/api/errors`).
 *
 * Never echoes a request body, and when a request concerns a Secret, redacts the
 * `Invalid value: ...` parts of the server's message, so no secret value reaches a terminal.
 */
import { ConvoyError, type ErrorCode } from '../errors.ts';

/** The `Status` object the API server returns with every error (meta/v1 Status). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    /** `reason` is the JSON name of Go's StatusCause.Type (`FieldManagerConflict`, `FieldValueInvalid`...). */
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
}

/**
 * A non-2xx HTTP response of the API server, as the transport raises it (before
 * classification). Holds the response's Status object, never the request body.
 */
export class KubeHttpError extends Error {
  /** HTTP status code. */
  readonly status: number;
  /** The Status object of the response body, when it was one. */
  readonly body: KubeStatus | undefined;
  /** `Retry-After` of the response in seconds, when present and parseable. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: KubeStatus | undefined, retryAfterSeconds?: number) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'KubeHttpError';
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A request that ran longer than the client's per-request timeout. */
export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no response within ${ms / 1000} s`);
    this.name = 'RequestTimeoutError';
  }
}

/** What a failed request was doing; shapes messages and the retry decision. */
export interface RequestContext {
  /** `get`, `list`, `watch`, `create`, `update`, `apply`, `delete`, `discovery`. */
  verb: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** The request carried an optimistic-concurrency precondition (resourceVersion): a 409 is final. */
  precondition?: boolean;
}

/** Result of {@link classifyError}. */
export interface ErrorClass {
  /** Whether retrying the same request may succeed. */
  retry: boolean;
  /** E_KUBE, or E_CONFLICT for apply conflicts and failed optimistic concurrency. */
  code: ErrorCode;
  /** The API's reason (`NotFound`, `Conflict`, `TooManyRequests`...) or the network error code (`ECONNREFUSED`). */
  reason: string;
  /** HTTP status code; undefined for network errors. */
  status: number | undefined;
  /** One line: what was being done to which object, and what the server said. Secret-safe. */
  message: string;
  /** How to fix it, when there is a known fix. */
  fix?: string;
  /** The server asked to wait this long before retrying (Retry-After or Status details), seconds. */
  retryAfterSeconds?: number;
}

/** Node/undici error codes of a failed connection: the request may not have reached the server, retry. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ECONNABORTED',
  'ENOTCONN',
  'ESOCKETTIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'HPE_INVALID_CONSTANT',
]);

/** Reasons the API server uses for "try again later" (apimachinery `errors.SuggestsClientDelay`). */
const RETRY_REASONS = new Set(['TooManyRequests', 'ServerTimeout', 'Timeout', 'ServiceUnavailable', 'InternalError']);

/** Describes the object of a request: `Deployment demo/web`, `Namespace panda`, `Secrets in demo`. */
export function describeTarget(ctx: RequestContext): string {
  const kind = ctx.kind ?? 'object';
  if (ctx.name === undefined) return ctx.namespace ? `${kind} in namespace ${ctx.namespace}` : kind;
  return ctx.namespace ? `${kind} ${ctx.namespace}/${ctx.name}` : `${kind} ${ctx.name}`;
}

/** Removes values from a server message about a Secret (`Invalid value: "s3cr3t": ...` → `Invalid value: [redacted]: ...`). */
export function redactSecretMessage(message: string): string {
  return message.replace(/Invalid value: ("(?:[^"\\]|\\.)*"|[^:]*)/g, 'Invalid value: [redacted]');
}

function redactStatus(body: KubeStatus | undefined): KubeStatus | undefined {
  if (!body) return undefined;
  const out: KubeStatus = { ...body, message: redactSecretMessage(body.message ?? '') };
  if (body.details) {
    out.details = {
      ...body.details,
      causes: body.details.causes?.map((c) => ({ ...c, message: redactSecretMessage(c.message ?? '') })),
    };
  }
  return out;
}

/** One `FieldManagerConflict` cause of an apply conflict. */
export interface FieldConflict {
  /** Field path as the server prints it, e.g. `.spec.replicas`. */
  field: string;
  /** The other field manager, e.g. `kubectl-edit`. */
  manager: string;
}

/**
 * The conflicts of a server-side apply 409, from `details.causes`
 * (`{reason: FieldManagerConflict, message: 'conflict with "kubectl" using apps/v1', field: '.spec.replicas'}`),
 * falling back to parsing the message `Apply failed with N conflicts: conflict with "m" using v: .f`.
 */
export function parseApplyConflicts(status: KubeStatus | undefined): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const cause of status?.details?.causes ?? []) {
    if (cause.reason !== 'FieldManagerConflict') continue;
    const manager = /conflict with "([^"]*)"/.exec(cause.message ?? '')?.[1] ?? 'another manager';
    out.push({ field: cause.field ?? '?', manager });
  }
  if (out.length === 0 && status?.message) {
    for (const m of status.message.matchAll(/conflict with "([^"]*)"(?: using [^:]+)?: ([^\n]+)/g)) {
      out.push({ manager: m[1] ?? '?', field: (m[2] ?? '?').trim() });
    }
  }
  return out;
}

function isApplyConflict(status: KubeStatus | undefined): boolean {
  return (
    (status?.details?.causes ?? []).some((c) => c.reason === 'FieldManagerConflict') ||
    /^Apply failed with \d+ conflicts?/.test(status?.message ?? '')
  );
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = e.cause;
  }
  return undefined;
}

/**
 * Classifies any failure of a request to the API server.
 *
 * - HTTP 429 and 5xx, Status reasons TooManyRequests/ServerTimeout/Timeout, and network
 *   errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ...) are retryable E_KUBE;
 * - 409 on a server-side apply with `FieldManagerConflict` causes is a terminal E_CONFLICT
 *   naming the fields and the other managers (fix: `--force-conflicts`);
 * - 409 Conflict on another write is retryable, unless the request had a resourceVersion
 *   precondition (`ctx.precondition`): then it is a terminal E_CONFLICT (re-read and try again);
 * - 409 AlreadyExists, 4xx and anything else are terminal E_KUBE.
 *
 * A {@link ConvoyError} passes through unchanged (not retried).
 */
export function classifyError(err: unknown, ctx: RequestContext = { verb: 'request' }): ErrorClass {
  const target = describeTarget(ctx);
  if (err instanceof ConvoyError) {
    return { retry: false, code: err.code, reason: err.code, status: undefined, message: err.message };
  }
  if (err instanceof KubeHttpError) return classifyHttp(err, ctx, target);
  const code = errorCode(err);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      retry: true,
      code: 'E_KUBE',
      reason: code,
      status: undefined,
      message: `${ctx.verb} ${target}: cannot reach the API server (${code}: ${detail})`,
      fix: 'check that the cluster is running and the kubeconfig points at it (kubectl cluster-info)',
    };
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return {
      retry: false,
      code: 'E_KUBE',
      reason: 'Aborted',
      status: undefined,
      message: `${ctx.verb} ${target}: aborted`,
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    retry: false,
    code: 'E_KUBE',
    reason: code ?? 'Unknown',
    status: undefined,
    message: `${ctx.verb} ${target}: ${detail}`,
  };
}

function classifyHttp(err: KubeHttpError, ctx: RequestContext, target: string): ErrorClass {
  const status = err.status;
  const body = err.body;
  const reason = body?.reason || reasonForStatus(status);
  let serverMessage = body?.message || `HTTP ${status}`;
  if (ctx.kind === 'Secret') serverMessage = redactSecretMessage(serverMessage);
  const retryAfterSeconds = err.retryAfterSeconds ?? body?.details?.retryAfterSeconds;
  const base = {
    reason,
    status,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  const message = `${ctx.verb} ${target}: ${serverMessage} (${status} ${reason})`;

  if (status === 409 && ctx.verb === 'apply' && isApplyConflict(body)) {
    const conflicts = parseApplyConflicts(body);
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
    const parts = [...byManager].map(([m, fields]) => `field manager "${m}" owns ${fields.join(', ')}`);
    return {
      ...base,
      retry: false,
      code: 'E_CONFLICT',
      message: `apply ${target} conflicts: ${parts.join('; ') || serverMessage}`,
      fix: 're-run with --force-conflicts to take ownership',
    };
  }
  if (status === 409 && reason !== 'AlreadyExists') {
    if (ctx.precondition) {
      return {
        ...base,
        retry: false,
        code: 'E_CONFLICT',
        message,
        fix: 'the object changed since it was read; read it again and retry',
      };
    }
    return { ...base, retry: true, code: 'E_CONFLICT', message };
  }
  if (status === 429 || status >= 500 || status === 408 || RETRY_REASONS.has(reason)) {
    return { ...base, retry: true, code: 'E_KUBE', message };
  }
  const out: ErrorClass = { ...base, retry: false, code: 'E_KUBE', message };
  if (status === 401) out.fix = 'the credentials in the kubeconfig were refused; log in again or pick another context';
  else if (status === 403)
    out.fix = 'the kubeconfig user lacks RBAC permission for this; ask for it or use another context';
  else if (status === 404 && ctx.verb !== 'get')
    out.fix = 'check the name, the namespace and that the kind is installed';
  return out;
}

function reasonForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 405:
      return 'MethodNotAllowed';
    case 408:
      return 'Timeout';
    case 409:
      return 'Conflict';
    case 410:
      return 'Gone';
    case 415:
      return 'UnsupportedMediaType';
    case 422:
      return 'Invalid';
    case 429:
      return 'TooManyRequests';
    case 500:
      return 'InternalError';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'Timeout';
    default:
      return status >= 500 ? 'InternalError' : 'Unknown';
  }
}

/** A classified failure as the ConvoyError the library throws (the original error kept as `cause`). */
export function toConvoyError(err: unknown, ctx?: RequestContext): ConvoyError {
  if (err instanceof ConvoyError) return err;
  const c = classifyError(err, ctx);
  let cause = err;
  if (ctx?.kind === 'Secret' && err instanceof KubeHttpError) {
    cause = new KubeHttpError(err.status, redactStatus(err.body), err.retryAfterSeconds);
  }
  return new ConvoyError(c.code, c.message, { ...(c.fix ? { fix: c.fix } : {}), cause });
}

/** True for an HTTP error with this status (404, 409, 410...). */
export function isStatus(err: unknown, status: number, reason?: string): err is KubeHttpError {
  return err instanceof KubeHttpError && err.status === status && (reason === undefined || err.body?.reason === reason);
}
