/**
 * `computeStatus`: the status of one object, as a pure function. Ported from kstatus
 * `Compute` (kubernetes-sigs/cli-utils `pkg/kstatus/status/status.go`), with its generic
 * checks (`generic.go`) and per-kind rules (`core.go`) split into `./generic.ts` and
 * `./rules/<kind>.ts`.
 */

import type { KubeObject } from '../objects/types.ts';
import { checkGeneration, checkTerminating, genericStatus } from './generic.ts';
import { STATUS_RULES, ruleKey } from './rules/index.ts';
import type { StatusContext, StatusOptions, StatusResult } from './types.ts';
import { compileWaitRules } from './wait-rules.ts';

/**
 * The status of one object, from the object alone (no cluster calls; a poller or watcher
 * feeds it). In order:
 * 1. `undefined` → `NotFound`;
 * 2. `metadata.deletionTimestamp` set → `Terminating` (message names the finalizers, or what
 *    the kind's rule reports, e.g. a Namespace's remaining content);
 * 3. `metadata.generation` > `status.observedGeneration` → `InProgress`,
 *    message `observedGeneration 1/2` (skipped when either is absent);
 * 4. the first user wait rule (`options.rules`) matching the object's apiVersion/kind;
 * 5. the built-in rule of its kind (`./rules/index.ts`, keyed `group/Kind`);
 * 6. the generic condition rules (`Stalled`/`Failed` → Failed; `Reconciling` → InProgress;
 *    `Ready`/`Available`; no conditions → `Current`), also when a rule has no opinion.
 *
 * @param obj the object as read from the API server, or `undefined` when it does not exist.
 * @param options see {@link StatusOptions}; all optional.
 * @throws ConvoyError `E_SCHEMA` only when `options.rules` is a raw `WaitRule[]` that does not
 *   compile; pass `compileWaitRules(rules)` to check rules once, up front.
 */
export function computeStatus(obj: KubeObject | undefined, options: StatusOptions = {}): StatusResult {
  if (!obj) return { status: 'NotFound', message: 'Resource not found', reason: 'NotFound' };
  const ctx: StatusContext = {
    waitForLoadBalancer: options.waitForLoadBalancer ?? true,
    pvcWaitForFirstConsumer: options.pvcWaitForFirstConsumer ?? false,
  };
  const rule = STATUS_RULES.get(ruleKey(obj.apiVersion, obj.kind));

  const terminating = checkTerminating(obj);
  if (terminating) {
    // A kind rule may say more about a deletion (a Namespace names the content it waits for).
    const refined = rule?.(obj, ctx);
    return refined?.status === 'Terminating' ? refined : terminating;
  }
  const notObserved = checkGeneration(obj);
  if (notObserved) return notObserved;

  const { rules } = options;
  if (rules !== undefined) {
    const compiled = 'ruleFor' in rules ? rules : compileWaitRules(rules);
    const result = compiled.ruleFor(obj)?.(obj, ctx);
    if (result) return result;
  }
  return rule?.(obj, ctx) ?? genericStatus(obj);
}
