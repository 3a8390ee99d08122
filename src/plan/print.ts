/**
 * Printers of a {@link GraphPlan}: text for terminals, Mermaid and Graphviz dot for
 * documentation, JSON for tools. Pure: they return strings, the CLI prints them.
 * Output is stable for a given plan. Objects are named (kind/namespace/name), never
 * printed whole, so no secret value can leak.
 */
import type { KubeObject } from '../objects/types.ts';
import type { ComponentPlan, GraphPlan, Phase } from './types.ts';

/** Output formats of {@link formatGraph}. */
export const GRAPH_FORMATS = ['text', 'mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/**
 * Formats a graph plan; every format ends with a newline.
 *
 * - `text`: a header, then `wave 1: iam, msgsvc` lines (1-based), each component with
 *   its instance, namespace and needs (`skipped:` for needs left out), and when objects
 *   are known its phases with counts: `crds 1 · rbac 2 · post-hooks(weight 5) 1`.
 * - `mermaid`: `flowchart LR`, one subgraph per wave, edges need --> component.
 * - `dot`: `digraph`, one cluster per wave, edges need -> component.
 * - `json`: `{stack, environment, waves, edges, components}` with objects as
 *   `{apiVersion, kind, namespace, name}` references; 2-space indent.
 */
export function formatGraph(plan: GraphPlan, format: GraphFormat): string {
  switch (format) {
    case 'text':
      return formatText(plan);
    case 'mermaid':
      return formatMermaid(plan);
    case 'dot':
      return formatDot(plan);
    case 'json':
      return `${JSON.stringify(toJson(plan), null, 2)}\n`;
  }
}

/** `crds` or `pre-hooks(weight -5)`. */
export function phaseLabel(p: Phase): string {
  return p.weight === undefined ? p.name : `${p.name}(weight ${p.weight})`;
}

function formatText(plan: GraphPlan): string {
  const byName = new Map(plan.components.map((c) => [c.name, c]));
  const count = plan.components.length;
  const lines = [
    `stack ${plan.stack}${plan.environment ? ` · environment ${plan.environment}` : ''} · ` +
      `${count} component${count === 1 ? '' : 's'} in ${plan.waves.length} wave${plan.waves.length === 1 ? '' : 's'}`,
  ];
  const width = Math.max(0, ...plan.components.map((c) => c.name.length));
  plan.waves.forEach((wave, i) => {
    lines.push(`wave ${i + 1}: ${wave.join(', ')}`);
    for (const name of wave) {
      const c = byName.get(name);
      if (c) lines.push(...componentText(c, width));
    }
  });
  return `${lines.join('\n')}\n`;
}

function componentText(c: ComponentPlan, width: number): string[] {
  let head = `  ${c.name.padEnd(width)}  ${c.instanceName} in ${c.namespace}`;
  if (c.needs.length > 0) head += ` · needs ${c.needs.join(', ')}`;
  if (c.skippedNeeds.length > 0) head += ` · skipped ${c.skippedNeeds.join(', ')}`;
  const lines = [head];
  if (c.rendered) {
    const phases = c.phases.map((p) => `${phaseLabel(p)} ${p.objects.length}`).join(' · ');
    lines.push(`    ${phases || 'no objects'}`);
    if (c.excludedHooks.length > 0) {
      lines.push(
        `    not applied: ${c.excludedHooks.map((o) => `${ref(o)} (${o.metadata.annotations?.['helm.sh/hook'] ?? ''})`).join(', ')}`,
      );
    }
  }
  return lines;
}

/** `Kind/name` or `Kind/namespace/name`. */
function ref(o: KubeObject): string {
  const name = o.metadata.name ?? o.metadata.generateName ?? '';
  return o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${name}` : `${o.kind}/${name}`;
}

/** Mermaid node ids: `c_` + name with `-` → `_` (avoids keywords such as `end`). */
function mermaidId(name: string): string {
  return `c_${name.replace(/-/g, '_')}`;
}

function formatMermaid(plan: GraphPlan): string {
  const lines = ['flowchart LR'];
  plan.waves.forEach((wave, i) => {
    lines.push(`  subgraph wave${i + 1} ["wave ${i + 1}"]`);
    for (const name of wave) lines.push(`    ${mermaidId(name)}["${name}"]`);
    lines.push('  end');
  });
  for (const e of sortedForDrawing(plan)) lines.push(`  ${mermaidId(e.to)} --> ${mermaidId(e.from)}`);
  return `${lines.join('\n')}\n`;
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function formatDot(plan: GraphPlan): string {
  const lines = [`digraph ${dotString(plan.stack)} {`, '  rankdir=LR;', '  node [shape=box];'];
  plan.waves.forEach((wave, i) => {
    lines.push(`  subgraph cluster_wave${i + 1} {`, `    label=${dotString(`wave ${i + 1}`)};`);
    for (const name of wave) lines.push(`    ${dotString(name)};`);
    lines.push('  }');
  });
  for (const e of sortedForDrawing(plan)) lines.push(`  ${dotString(e.to)} -> ${dotString(e.from)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Edges drawn need → component, sorted by need then component. */
function sortedForDrawing(plan: GraphPlan) {
  return [...plan.edges].sort((a, b) => (a.to === b.to ? (a.from < b.from ? -1 : 1) : a.to < b.to ? -1 : 1));
}

function objectRef(o: KubeObject) {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name ?? o.metadata.generateName ?? '',
  };
}

function toJson(plan: GraphPlan) {
  return {
    stack: plan.stack,
    environment: plan.environment ?? null,
    waves: plan.waves,
    edges: plan.edges,
    components: plan.components.map((c) => ({
      name: c.name,
      instanceName: c.instanceName,
      namespace: c.namespace,
      needs: c.needs,
      skippedNeeds: c.skippedNeeds,
      rendered: c.rendered,
      phases: c.phases.map((p) => ({
        name: p.name,
        ...(p.weight === undefined ? {} : { weight: p.weight }),
        objects: p.objects.map(objectRef),
      })),
      excludedHooks: c.excludedHooks.map(objectRef),
    })),
  };
}
