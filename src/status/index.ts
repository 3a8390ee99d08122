/**
 * Readiness of Kubernetes objects as pure functions, kstatus style: `computeStatus` for one
 * object, `aggregateStatus` for a group, `compileWaitRules` for custom resources declared in
 * a stack. No I/O: the cluster reader feeds objects in.
 */

export { computeStatus } from './compute.ts';
export { aggregateStatus } from './aggregate.ts';
export type { NamedStatusResult } from './aggregate.ts';
export { compileWaitRules } from './wait-rules.ts';
export type { CompileWaitRulesOptions } from './wait-rules.ts';
export { STALLED_WAITING_REASONS } from './rules/pod.ts';
export { TERMINAL_READY_REASONS } from './generic.ts';
export type {
  CompiledWaitRules,
  ConditionMatcher,
  ConditionTypeMatcher,
  PathMatcher,
  Status,
  StatusContext,
  StatusOptions,
  StatusResult,
  StatusRule,
  WaitRule,
} from './types.ts';
