/**
 * Lint findings and the shape of a lint check.
 */
import type { TemplatePod } from '../netpol/pods.ts';
import type { KubeObject } from '../objects/types.ts';
import type { RenderedStack } from '../render/types.ts';
import type { ResolvedStack } from '../resolve/types.ts';

/** Severities in increasing order of weight. */
export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One problem found in the rendered objects of a stack. */
export interface Finding {
  /** The check id, e.g. `CV004`. */
  id: string;
  severity: Severity;
  /** The object: `Kind namespace/name` (or `Kind name` for cluster-scoped kinds). */
  object: string;
  /** The component the object belongs to (stack key). */
  component: string;
  /** What is wrong, one line. */
  message: string;
  /** How to fix it, one line. */
  fix: string;
}

/** An object of the rendered stack with its component. */
export interface LintObject {
  component: string;
  object: KubeObject;
}

/** A pod template of the rendered stack with its component. */
export interface LintPod extends TemplatePod {
  component: string;
}

/** What every check receives. */
export interface LintContext {
  rendered: RenderedStack;
  resolved: ResolvedStack;
  /** Every object, components in name order. */
  objects: LintObject[];
  /** Every pod template. */
  pods: LintPod[];
}

/** A lint check: id, default severity, one-line title, and the function finding problems. */
export interface LintCheck {
  id: string;
  severity: Severity;
  title: string;
  run(ctx: LintContext): Omit<Finding, 'id' | 'severity'>[] | Finding[];
}

/** `Kind namespace/name`, or `Kind name` without namespace. */
export function objectRef(o: KubeObject): string {
  return o.metadata.namespace
    ? `${o.kind} ${o.metadata.namespace}/${o.metadata.name ?? ''}`
    : `${o.kind} ${o.metadata.name ?? ''}`;
}
