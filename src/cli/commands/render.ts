import { mkdir, writeFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import { loadStack } from '../../stack/load.ts';
import { resolve } from '../../resolve/index.ts';
import { toYaml } from '../../objects/yaml.ts';
import { planGraph } from '../../plan/index.ts';
import type { RenderedStack } from '../../render/types.ts';
import { renderWithSecrets } from '../../apply/render-with-secrets.ts';

export interface RenderCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  /** Directory for one `<component>.yaml` per component; undefined: one stream to stdout. */
  outDir?: string;
  /** Parallel renders. Default: CPU cores. */
  concurrency?: number;
  /** Disable the render cache. */
  noCache: boolean;
  /** Print the values of the stack secrets; default: they are redacted. */
  showSecrets?: boolean;
}

/** Component names in apply order: by wave, then by name. */
export function applyOrder(stack: RenderedStack, waves: string[][]): string[] {
  const present = new Set(stack.components.map((c) => c.name));
  return waves.flat().filter((n) => present.has(n));
}

/**
 * `convoy render`: the Kubernetes objects of every selected component, deterministic
 * and annotated with component and origin. Progress goes to stderr; objects to stdout
 * or to `<outDir>/<component>.yaml` (stale `*.yaml` files in outDir are removed).
 */
export async function runRender(io: Io, o: RenderCommandOptions): Promise<number> {
  const stack = await loadStack(o.stack);
  const resolved = await resolve(stack, { ...o.resolve, env: io.env });
  const started = Date.now();
  // spec.secrets without the cluster: file/env/bundle/registry secrets in full (values redacted
  // unless --show-secrets), generated and certificate secrets as placeholders; deterministic.
  const rendered = await renderWithSecrets(stack, resolved, {
    env: io.env,
    ...(o.showSecrets || !io.redactor ? {} : { redactor: io.redactor }),
    render: { ...(o.concurrency ? { concurrency: o.concurrency } : {}), ...(o.noCache ? { cacheDir: null } : {}) },
    onEvent: (e) => {
      if (o.outDir && e.type === 'render-done') {
        io.err(`  ${e.component}: ${e.objects} objects${e.cached ? ' (cached)' : ''} in ${e.durationMs} ms\n`);
      }
    },
  });
  const order = applyOrder(rendered, planGraph(resolved).waves);
  const byName = new Map(rendered.components.map((c) => [c.name, c]));
  if (!o.outDir) {
    io.out(toYaml(order.flatMap((n) => byName.get(n)?.objects ?? [])));
    return 0;
  }
  await mkdir(o.outDir, { recursive: true });
  const keep = new Set(order.map((n) => `${n}.yaml`));
  for (const f of await readdir(o.outDir)) {
    if (f.endsWith('.yaml') && !keep.has(f)) await rm(join(o.outDir, f));
  }
  let total = 0;
  for (const n of order) {
    const objs = byName.get(n)?.objects ?? [];
    total += objs.length;
    await writeFile(join(o.outDir, `${n}.yaml`), toYaml(objs));
  }
  io.err(`rendered ${total} objects of ${order.length} components into ${o.outDir} in ${Date.now() - started} ms\n`);
  return 0;
}
