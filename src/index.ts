/**
 * convoy's library entry. The pipeline, one stage per function:
 *
 * ```ts
 * const stack = await loadStack('examples/panda');          // StackSpec with positions
 * const resolved = resolve(stack, { environment: 'lsst' });  // environment, selection, affix, references
 * const rendered = await render(resolved);                   // Kubernetes objects per component
 * const plan = planGraph(resolved, rendered);                // waves and apply phases
 * ```
 */
export * from './errors.ts';
export { defineStack, Stack as StackSchema } from './stack/schema.ts';
export type * from './stack/schema.ts';
export type { LoadedStack } from './stack/types.ts';
export { loadStack } from './stack/load.ts';
export type * from './resolve/types.ts';
export { resolve } from './resolve/index.ts';
export type * from './render/types.ts';
export { render } from './render/index.ts';
export type * from './objects/types.ts';
export { ANNOTATION, HELM_HOOK } from './objects/types.ts';
export { toYaml } from './objects/yaml.ts';
export type * from './plan/types.ts';
export { PHASES } from './plan/types.ts';
export { planGraph } from './plan/index.ts';
export { computeWaves } from './plan/graph.ts';
export { formatGraph } from './plan/print.ts';
export type * from './status/index.ts';
export { computeStatus, aggregateStatus, compileWaitRules } from './status/index.ts';
export type { Finding, LintCheck, Severity } from './lint/index.ts';
export { lint, CHECKS as LINT_CHECKS, formatFindings } from './lint/index.ts';
export type { NetworkPolicy, PodRef, Endpoint, ExternalRef, LabelSelector } from './netpol/types.ts';
export { createEvaluator, allowed as networkAllowed, type Evaluator } from './netpol/evaluate.ts';
export { parseConnection, type Connection } from './netpol/connection.ts';
