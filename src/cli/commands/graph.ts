import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import { loadStack } from '../../stack/load.ts';
import { resolve } from '../../resolve/index.ts';
import { render } from '../../render/index.ts';
import { planGraph } from '../../plan/index.ts';
import { formatGraph, GRAPH_FORMATS, type GraphFormat } from '../../plan/print.ts';

export { GRAPH_FORMATS };

export interface GraphCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  format: GraphFormat;
  /** Render components too and show their apply phases. Default false (no helm runs). */
  phases: boolean;
}

/** `convoy graph`: the waves (and with --phases, each component's apply phases). */
export async function runGraph(io: Io, o: GraphCommandOptions): Promise<number> {
  const stack = await loadStack(o.stack);
  const resolved = await resolve(stack, { ...o.resolve, env: io.env });
  const rendered = o.phases ? await render(resolved) : undefined;
  const plan = planGraph(resolved, rendered);
  const text = formatGraph(plan, o.format);
  io.out(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
