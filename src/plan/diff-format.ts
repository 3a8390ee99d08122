/**
 * The plan printer: a {@link StackPlan} as text for a terminal (pure; the CLI prints it).
 *
 * ```text
 * Stack panda (environment lsst)
 *
 * panda (upgrade)
 *   ~ Deployment panda/test-panda-server  spec.replicas: 1 → 2
 *   ~ ConfigMap panda/settings
 *       data.level: "info" → "debug"
 *       data.mode: (none) → "fast"
 *   + Service panda/test-panda-api
 *   - ConfigMap panda/old-settings  (prune)
 *
 * Plan: 1 to create, 2 to update, 1 to prune, 4 unchanged.
 * ```
 *
 * Symbols: `+` create, `~` update, `-` prune, `*` hook (runs again), `!` conflict or
 * exists-not-owned, `=` unchanged (listed only with `showUnchanged`).
 */
import pc from 'picocolors';
import type { ObjectRef } from '../kube/types.ts';
import type { FieldChange } from './diff-fields.ts';
import { DIFF_ACTIONS, type ComponentDiff, type DiffAction, type ObjectDiff, type StackPlan } from './diff-types.ts';

export interface FormatPlanOptions {
  /** ANSI colours. Default false. */
  color?: boolean;
  /** List unchanged objects too (`=` lines). Default false: they are only counted. */
  showUnchanged?: boolean;
  /** Longest rendering of one value before it is cut with `…`, in characters. Default 80. */
  maxValueLength?: number;
}

const SYMBOL: Record<DiffAction, string> = {
  create: '+',
  update: '~',
  prune: '-',
  hook: '*',
  conflict: '!',
  'exists-not-owned': '!',
  unchanged: '=',
};

const SUMMARY_WORDS: Record<DiffAction, string> = {
  create: 'to create',
  update: 'to update',
  prune: 'to prune',
  hook: 'hooks to run',
  conflict: 'in conflict',
  'exists-not-owned': 'not owned',
  unchanged: 'unchanged',
};

/** Renders a plan as text, ending with a newline. Deterministic for a given plan. */
export function formatPlan(plan: StackPlan, options: FormatPlanOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const paint: Record<DiffAction, (s: string) => string> = {
    create: c.green,
    update: c.yellow,
    prune: c.red,
    hook: c.cyan,
    conflict: c.magenta,
    'exists-not-owned': c.magenta,
    unchanged: c.dim,
  };
  const max = options.maxValueLength ?? 80;
  const lines: string[] = [];
  lines.push(c.bold(`Stack ${plan.stack}${plan.environment ? ` (environment ${plan.environment})` : ''}`));
  for (const component of plan.components) {
    const shown = component.objects.filter((o) => options.showUnchanged || o.action !== 'unchanged');
    lines.push('');
    if (shown.length === 0) {
      lines.push(`${c.bold(component.name)} (${component.mode}): no changes (${component.objects.length} unchanged)`);
      continue;
    }
    lines.push(`${c.bold(component.name)} (${component.mode})${componentCounts(component)}`);
    for (const o of shown) lines.push(...objectLines(o, paint[o.action], max));
  }
  lines.push('', summaryLine(plan));
  return `${lines.join('\n')}\n`;
}

/** `Plan: 1 to create, 2 to update, 4 unchanged.` or `No changes: 4 objects unchanged.` */
export function summaryLine(plan: StackPlan): string {
  const changing = DIFF_ACTIONS.filter((a) => a !== 'unchanged' && plan.counts[a] > 0);
  if (changing.length === 0) {
    const n = plan.counts.unchanged;
    return `No changes: ${n} object${n === 1 ? '' : 's'} unchanged.`;
  }
  const parts = DIFF_ACTIONS.filter((a) => plan.counts[a] > 0).map((a) => {
    const n = plan.counts[a];
    return `${n} ${a === 'hook' && n === 1 ? 'hook to run' : SUMMARY_WORDS[a]}`;
  });
  return `Plan: ${parts.join(', ')}.`;
}

/** The plan as JSON text (2-space indent): the {@link StackPlan} model as is. */
export function formatPlanJson(plan: StackPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

function componentCounts(component: ComponentDiff): string {
  const unchanged = component.objects.filter((o) => o.action === 'unchanged').length;
  return unchanged > 0 ? `, ${unchanged} unchanged` : '';
}

function objectLines(o: ObjectDiff, paint: (s: string) => string, max: number): string[] {
  const head = `  ${paint(`${SYMBOL[o.action]} ${refText(o.ref)}`)}`;
  const note = noteFor(o);
  if (o.action === 'update' && o.changes.length === 1 && o.changes[0]) {
    return [`${head}  ${changeText(o.changes[0], max)}`];
  }
  const out = [note ? `${head}  ${note}` : head];
  if (o.action === 'update') for (const ch of o.changes) out.push(`      ${changeText(ch, max)}`);
  return out;
}

function noteFor(o: ObjectDiff): string | undefined {
  switch (o.action) {
    case 'prune':
      return `(prune${o.detail ? `: ${o.detail}` : ''})`;
    case 'exists-not-owned':
      return `exists, not owned by this stack${o.detail ? ` (${o.detail})` : ''}; adopt it with --adopt`;
    case 'conflict':
      return `conflict: ${o.detail ?? 'another field manager owns fields this apply sets'}`;
    case 'hook':
      return o.detail ? `(${o.detail})` : '(hook)';
    default:
      return o.detail ? `(${o.detail})` : undefined;
  }
}

/** `spec.replicas: 1 → 2`. */
export function changeText(change: FieldChange, max = 80): string {
  return `${change.path}: ${valueText(change.before, max)} → ${valueText(change.after, max)}`;
}

/** One value on one line: strings quoted, maps and lists as compact JSON, absent as `(none)`, cut at `max` with `…`. */
export function valueText(value: unknown, max = 80): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' && /^<redacted[ >]/.test(value) ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** `Deployment panda/web`, `Namespace panda`. */
export function refText(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}
