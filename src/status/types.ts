/**
 * Readiness as a pure function of one object, in the style of kstatus
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/status.go`). Nothing in `src/status`
 * does I/O: a poller or watcher feeds objects in and gets {@link StatusResult}s back.
 */

import type { KubeObject } from '../objects/types.ts';

/**
 * The status of one object, as kstatus names them:
 * - `Current`: the object is what its spec asks for (rolled out, ready, bound, complete…).
 * - `InProgress`: the controller is still working on it; waiting may help.
 * - `Failed`: the object reports a failure (see {@link StatusResult.stalled} for whether
 *   waiting can still help).
 * - `Terminating`: `metadata.deletionTimestamp` is set; finalizers are running.
 * - `NotFound`: the object does not exist (the caller passed `undefined`).
 */
export type Status = 'Current' | 'InProgress' | 'Failed' | 'Terminating' | 'NotFound';

/** What {@link computeStatus} returns for one object. */
export interface StatusResult {
  status: Status;
  /** Short, human-readable, e.g. `Replicas: 1/2` or `container app: ImagePullBackOff: <message>`. */
  message: string;
  /**
   * A CamelCase reason, when there is one: the Kubernetes reason where the object gives one
   * (`ImagePullBackOff`, `BackoffLimitExceeded`, `ProgressDeadlineExceeded`, `Unschedulable`),
   * otherwise one of convoy's, mostly kstatus's (`LessReplicas`, `LessReady`, `PartitionRollout`).
   */
  reason?: string;
  /**
   * True when waiting longer cannot help: the controller has given up or the object needs a
   * change (a bad image, a crash loop, a Job past its backoff limit, a Deployment past its
   * progress deadline). A waiter fails fast on it. A `Failed` result without `stalled` may
   * still recover (a controller keeps retrying), so a waiter may keep waiting until its timeout.
   * Absent means false.
   */
  stalled?: boolean;
}

/**
 * Options of {@link computeStatus}. All optional; the defaults suit a cluster with a load
 * balancer controller and a caller that does not know the PVC's storage class.
 */
export interface StatusOptions {
  /**
   * User wait rules for custom resources, consulted before the built-in rules for the kinds
   * they match. Pass the result of `compileWaitRules` (compile once, use many times); a raw
   * array is compiled on every call and may throw the `ConvoyError` (`E_SCHEMA`) that
   * `compileWaitRules` raises.
   * @default no user rules
   */
  rules?: CompiledWaitRules | readonly WaitRule[];
  /**
   * Whether a Service of type LoadBalancer is `InProgress` until `status.loadBalancer.ingress`
   * is set. Set it to false on clusters without a load balancer controller (kind, kwok, bare
   * metal without MetalLB), where the ingress never appears.
   * @default true
   */
  waitForLoadBalancer?: boolean;
  /**
   * The caller knows this PVC's StorageClass has `volumeBindingMode: WaitForFirstConsumer`.
   * A `Pending` PVC that no Pod has selected a node for yet is then `Current`: it binds only
   * once a Pod using it is scheduled, so waiting for it before the Pods are applied would be
   * a deadlock. One object does not show its class, so only the caller can know this.
   * @default false
   */
  pvcWaitForFirstConsumer?: boolean;
}

/** What a {@link StatusRule} sees besides the object: the resolved options. */
export interface StatusContext {
  /** {@link StatusOptions.waitForLoadBalancer}, default applied. */
  readonly waitForLoadBalancer: boolean;
  /** {@link StatusOptions.pvcWaitForFirstConsumer}, default applied. */
  readonly pvcWaitForFirstConsumer: boolean;
}

/**
 * A rule for one kind. It runs after the generic checks (deletionTimestamp, generation)
 * and returns `undefined` when it has no opinion, so the generic condition rules decide.
 */
export type StatusRule = (obj: KubeObject, ctx: StatusContext) => StatusResult | undefined;

/** A condition in `status.conditions` matches when its type and status (and reason, if given) are equal. */
export interface ConditionTypeMatcher {
  /** Condition type, e.g. `Ready`. */
  type: string;
  status: 'True' | 'False' | 'Unknown';
  /** When given, the condition's reason must be equal too. */
  reason?: string;
}

/**
 * A field of the object matches when its value, as a string, equals `equals`. Numbers and
 * booleans compare by their JSON text (`3`, `true`); objects, arrays, null and absent fields
 * never match.
 */
export interface PathMatcher {
  /**
   * A JSON path into the object: `.status.phase`, `.status.replicas[0].name`,
   * `.metadata.annotations['example.com/ready']`. A leading `$` and kubectl-style braces
   * (`{.status.phase}`) are accepted.
   */
  path: string;
  equals: string;
}

/** One test of a {@link WaitRule}. */
export type ConditionMatcher = ConditionTypeMatcher | PathMatcher;

/**
 * How to wait for a custom resource, as declared in a stack (after kapp's `waitRules`,
 * carvel kapp `pkg/kapp/resourcesmisc/custom_waiting_resource.go`):
 * failure matchers are checked before success ones; any matching failure matcher makes the
 * object `Failed` (stalled); otherwise any matching success matcher makes it `Current`;
 * otherwise it is `InProgress`. Conditions whose `observedGeneration` is older than
 * `metadata.generation` are stale and never match.
 */
export interface WaitRule {
  /** Exact apiVersion to match, e.g. `cert-manager.io/v1`. @default any apiVersion */
  apiVersion?: string;
  /** Kind to match, e.g. `Certificate`. */
  kind: string;
  /** At least one. */
  success: ConditionMatcher[];
  /** @default none */
  failure?: ConditionMatcher[];
}

/** Wait rules checked and compiled by `compileWaitRules`; opaque to callers. */
export interface CompiledWaitRules {
  readonly kind: 'CompiledWaitRules';
  /** The rule for this object (the first matching wait rule), or undefined. */
  ruleFor(obj: KubeObject): StatusRule | undefined;
}
