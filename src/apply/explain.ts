/**
 * A failed or timed-out wait explains itself (STYLE.md item 5; Garden
 * `plugins/kubernetes/status/workload.ts`, kapp `waiting_changes.go`): which object, what it
 * waited for, its last status, the recent Kubernetes events of the object and of its pods,
 * the pods' waiting reasons, and the command to look further.
 */
import { ConvoyError, type ErrorCode } from '../errors.ts';
import type { KubeClient, ObjectRef } from '../kube/types.ts';
import type { KubeObject } from '../objects/types.ts';
import { computeStatus } from '../status/index.ts';
import type { StatusResult } from '../status/types.ts';
import { describeCommand, refText } from './refs.ts';

/** Kinds whose pods say more than the object itself (found by the object's `spec.selector`). */
const POD_OWNERS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job']);

/** Most events kept per object. */
const EVENTS_PER_OBJECT = 5;
/** Most pods looked at per workload. */
const PODS_EXAMINED = 2;

/** What went wrong with one object, for an error message and a `component-failed` event. */
export interface FailureDetail {
  ref: ObjectRef;
  /** Kubernetes reason (`ImagePullBackOff`, `BackoffLimitExceeded`) or the status reason. */
  reason: string;
  /** The last status message of the object (or of its failing pod). */
  status: string;
  /** Pods of a workload and why they wait: `pod web-7d9-abcde: container web: ImagePullBackOff: ...`. */
  pods: string[];
  /** Recent events, oldest first, one line each: `Warning Failed pod/web-7d9-abcde: Failed to pull image ...`. */
  events: string[];
  /** `kubectl -n shop describe deployment/web`. */
  hint: string;
}

/**
 * The error of a component that failed or timed out, with everything a reader needs to act.
 * `code` is `E_FAILED` (an object Failed) or `E_TIMEOUT`; the message has several lines.
 */
export class ComponentFailure extends ConvoyError {
  readonly component: string;
  readonly detail: FailureDetail | undefined;

  constructor(
    code: ErrorCode,
    component: string,
    headline: string,
    detail: FailureDetail | undefined,
    options: { cause?: unknown } = {},
  ) {
    super(code, detail ? `${headline}\n${detailLines(detail).join('\n')}` : headline, {
      ...(detail ? { fix: `look further: ${detail.hint}` } : {}),
      ...(options.cause !== undefined ? { cause: options.cause } : {}),
    });
    this.name = 'ComponentFailure';
    this.component = component;
    this.detail = detail;
  }
}

/** The lines under a failure's headline: last status, pods, events. */
export function detailLines(d: FailureDetail): string[] {
  const lines = [`  last status: ${d.status}`];
  for (const p of d.pods) lines.push(`  ${p}`);
  if (d.events.length > 0) {
    lines.push('  events:');
    for (const e of d.events) lines.push(`    ${e}`);
  }
  return lines;
}

/**
 * Gathers the detail of an object: its events, and for workloads the waiting reasons and
 * events of up to two of its pods (failing pods first). Never throws: what cannot be read is
 * left out (an explanation must not hide the failure it explains).
 *
 * @param live the object as last seen, for its selector; read again when absent.
 * @param result its last status.
 * @param failingPod a pod already known to fail (from the waiter), looked at first.
 */
export async function explain(
  client: KubeClient,
  ref: ObjectRef,
  result: StatusResult | undefined,
  live?: KubeObject,
  failingPod?: KubeObject,
): Promise<FailureDetail> {
  const detail: FailureDetail = {
    ref,
    reason: result?.reason ?? result?.status ?? 'Unknown',
    status: result ? `${result.status}: ${result.message}` : 'not observed yet',
    pods: [],
    events: [],
    hint: describeCommand(ref),
  };
  const objectEvents = await safe(() => client.eventsFor(ref), []);
  detail.events.push(...objectEvents.slice(-EVENTS_PER_OBJECT).map(eventLine));

  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  if (!POD_OWNERS.has(`${group}/${ref.kind}`) || !ref.namespace) return detail;
  const obj = live ?? (await safe(() => client.get(ref), undefined));
  const selector = obj ? selectorString(obj.spec) : undefined;
  if (!selector) return detail;
  const pods = await safe(() => client.list('v1', 'Pod', { namespace: ref.namespace, labelSelector: selector }), []);
  const ranked = rankPods(pods, failingPod).slice(0, PODS_EXAMINED);
  for (const pod of ranked) {
    const status = computeStatus(pod);
    detail.pods.push(`pod ${pod.metadata.name ?? '?'}: ${status.status}: ${status.message}`);
    if (status.status === 'Failed' && pod === ranked[0] && (result?.status !== 'Failed' || !result.reason)) {
      detail.reason = status.reason ?? detail.reason;
    }
    const podRef: ObjectRef = {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: ref.namespace,
      name: pod.metadata.name ?? '',
    };
    const events = await safe(() => client.eventsFor(podRef), []);
    detail.events.push(...events.slice(-EVENTS_PER_OBJECT).map(eventLine));
  }
  return detail;
}

/** Failing pods first (the known one first of all), then in-progress ones, then the rest; newest first inside. */
function rankPods(pods: KubeObject[], failing?: KubeObject): KubeObject[] {
  const rank = (p: KubeObject): number => {
    if (failing && p.metadata.name === failing.metadata.name) return 0;
    const s = computeStatus(p).status;
    return s === 'Failed' ? 1 : s === 'Current' ? 3 : 2;
  };
  const created = (p: KubeObject): string => String(p.metadata['creationTimestamp'] ?? '');
  return [...pods].sort((a, b) => rank(a) - rank(b) || created(b).localeCompare(created(a)));
}

/**
 * One line of a core/v1 Event: `Warning BackOff pod/web-abc: Back-off pulling image "x" (x4)`.
 * Messages are cut at 300 characters.
 */
export function eventLine(e: KubeObject): string {
  const type = typeof e['type'] === 'string' ? e['type'] : 'Normal';
  const reason = typeof e['reason'] === 'string' ? e['reason'] : '';
  const involved = (e['involvedObject'] ?? e['regarding']) as { kind?: string; name?: string } | undefined;
  const who = involved ? `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}` : '';
  let message = (typeof e['message'] === 'string' ? e['message'] : ((e['note'] as string | undefined) ?? '')).trim();
  if (message.length > 300) message = `${message.slice(0, 299)}…`;
  const series = e['series'] as { count?: number } | undefined;
  const count = series?.count ?? (typeof e['count'] === 'number' ? e['count'] : 1);
  return `${type} ${reason} ${who}: ${message}${count > 1 ? ` (x${count})` : ''}`.replace(/ +/g, ' ');
}

/**
 * A label selector (`spec.selector` of a workload, metav1.LabelSelector) as the query string
 * the API takes: `app=web,tier in (a,b),!legacy`. A plain map (a Service's selector) works too.
 * Undefined when there is no selector.
 */
export function selectorString(spec: unknown): string | undefined {
  const selector = (spec as { selector?: unknown } | undefined)?.selector;
  if (typeof selector !== 'object' || selector === null) return undefined;
  const s = selector as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  const parts: string[] = [];
  const isLabelSelector = 'matchLabels' in s || 'matchExpressions' in s;
  const labels = isLabelSelector ? (s.matchLabels ?? {}) : (selector as Record<string, string>);
  for (const [k, v] of Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${k}=${v}`);
  for (const e of isLabelSelector ? (s.matchExpressions ?? []) : []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** The headline of a failed object: `Deployment shop/web failed: ImagePullBackOff`. */
export function failedHeadline(d: FailureDetail): string {
  return `${refText(d.ref)} failed: ${d.reason}`;
}

async function safe<T>(f: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await f();
  } catch {
    return fallback;
  }
}
