/**
 * `convoy lint`: checks over the rendered objects of a stack, one file per check in
 * ./checks/, registered in {@link CHECKS}. Pure: no cluster, no files.
 */
import { podsOf } from '../netpol/pods.ts';
import type { RenderedStack } from '../render/types.ts';
import type { ResolvedStack } from '../resolve/types.ts';
import { haReplicas } from './checks/ha-replicas.ts';
import { imageTag } from './checks/image-tag.ts';
import { missingConfigMaps } from './checks/missing-config-maps.ts';
import { missingSecrets } from './checks/missing-secrets.ts';
import { netpolBlocks, netpolOpens } from './checks/netpol-edges.ts';
import { netpolUnselectable } from './checks/netpol-unselectable.ts';
import { privileged } from './checks/privileged.ts';
import { probes } from './checks/probes.ts';
import { resourceLimits, resourceRequests } from './checks/resources.ts';
import { serviceSelector } from './checks/service-selector.ts';
import { SEVERITIES, type Finding, type LintCheck, type LintContext, type Severity } from './types.ts';

export type { Finding, LintCheck, Severity } from './types.ts';
export { SEVERITIES } from './types.ts';

/** Every check, by id. */
export const CHECKS: readonly LintCheck[] = [
  probes,
  resourceRequests,
  resourceLimits,
  imageTag,
  haReplicas,
  serviceSelector,
  missingSecrets,
  missingConfigMaps,
  netpolBlocks,
  netpolOpens,
  privileged,
  netpolUnselectable,
];

/** 0 for info, 1 warning, 2 error. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Runs every check of {@link CHECKS} over `rendered` (with the declarations of `resolved`:
 * connects, ha, podSelector, external, networkPolicies) and returns the findings sorted by
 * component, object, id. Pure and deterministic.
 */
export function lint(rendered: RenderedStack, resolved: ResolvedStack): Finding[] {
  const comps = [...rendered.components].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ctx: LintContext = {
    rendered,
    resolved,
    objects: comps.flatMap((c) => c.objects.map((object) => ({ component: c.name, object }))),
    pods: comps.flatMap((c) => podsOf(c.objects, c.namespace).map((p) => ({ ...p, component: c.name }))),
  };
  const findings = CHECKS.flatMap((check) =>
    check.run(ctx).map((f) => ({ id: check.id, severity: check.severity, ...f }) as Finding),
  );
  const key = (f: Finding) => `${f.component}\u0000${f.object}\u0000${f.id}\u0000${f.message}`;
  return findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** `error CV004 Deployment ns/x: message\n  fix: …` lines for a terminal. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity} ${f.id} ${f.object}: ${f.message}\n  fix: ${f.fix}\n`).join('');
}
