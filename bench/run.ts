/**
 * `npm run bench` → `node bench/run.ts [--output table|json] [--components N] [--charts N]
 * [--rounds N] [--concurrency N] [--only render|engine]`. Runs the Helm render benchmark
 * (./helm-render.ts) and checks the targets: cold render ≤ 0.6× and warm render ≤ 0.1× the
 * serial `helm template` time; then the deployment engine benchmark (./engine.ts, on the local
 * control plane; skipped with a message when it does not answer). Exit code 0 when every
 * target passes, 1 otherwise, 2 for bad flags.
 */
import { parseArgs } from 'node:util';
import { runHelmRenderBench, type HelmBenchResult } from './helm-render.ts';
import { enginePassed, engineTable, ENGINE_TARGETS, runEngineBench } from './engine.ts';

/** Target ratios vs the serial baseline. */
export const TARGETS = { cold: 0.6, warm: 0.1 } as const;

function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bench: --${name} must be a positive integer, got ${v}\n`);
    process.exit(2);
  }
  return n;
}

/**
 * What the cold and serial cases would take on an otherwise idle machine, from their CPU
 * times: serial is CPU-bound on one core, cold on `min(cpus, concurrency)` cores. Undefined
 * without child CPU times (non-Linux). An estimate for context, never used for PASS/FAIL.
 */
export function idleEstimate(r: HelmBenchResult): { serialMs: number; coldMs: number; ratio: number } | undefined {
  if (r.serial.toolCpuMs === null || r.cold.toolCpuMs === null) return undefined;
  const serialMs = r.serial.nodeCpuMs + r.serial.toolCpuMs;
  const coldMs = (r.cold.nodeCpuMs + r.cold.toolCpuMs) / Math.min(r.cpus, r.concurrency);
  return { serialMs, coldMs, ratio: coldMs / serialMs };
}

function table(r: HelmBenchResult, verdict: { cold: boolean; warm: boolean }): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ratio = (ms: number) => `${(ms / r.serial.medianMs).toFixed(2)}×`;
  const cpu = (c: HelmBenchResult['cold']) => `${c.nodeCpuMs} / ${c.toolCpuMs ?? '?'}`;
  const row = (name: string, c: HelmBenchResult['cold'], target?: number, pass?: boolean) => [
    name,
    s(c.medianMs),
    ratio(c.medianMs),
    target === undefined ? '' : `≤ ${target}×`,
    pass === undefined ? '' : pass ? 'PASS' : 'FAIL',
    cpu(c),
    c.roundsMs.join(' '),
  ];
  const rows = [
    ['case', `median of ${r.rounds}`, 'vs serial', 'target', 'result', 'cpu node/helm ms', 'rounds ms'],
    row(`serial helm template ×${r.components}`, r.serial),
    row('convoy render, cold cache', r.cold, TARGETS.cold, verdict.cold),
    row('convoy render, warm cache', r.warm, TARGETS.warm, verdict.warm),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  const head = `${r.components} Helm releases of ${r.charts} generated chart(s), ${r.templatesPerChart} templates each (${r.objectsPerRender} objects); ${r.cpus} CPUs, concurrency ${r.concurrency}; helm ${r.helmVersion}; load average ${r.loadAverage.before.toFixed(2)} → ${r.loadAverage.after.toFixed(2)}`;
  const est = idleEstimate(r);
  const note = est
    ? `idle-machine estimate from CPU time: cold ≈ ${s(est.coldMs)} vs serial ≈ ${s(est.serialMs)} (${est.ratio.toFixed(2)}×); other load slows the parallel run more than the serial one`
    : undefined;
  const lines = rows.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return [head, ...lines, ...(note ? [note] : [])].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      output: { type: 'string', default: 'table' },
      components: { type: 'string' },
      charts: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      only: { type: 'string' },
    },
  });
  if (values.output !== 'table' && values.output !== 'json') {
    process.stderr.write(`bench: --output must be table or json, got ${values.output}\n`);
    return 2;
  }
  if (values.only !== undefined && values.only !== 'render' && values.only !== 'engine') {
    process.stderr.write(`bench: --only must be render or engine, got ${values.only}\n`);
    return 2;
  }
  let ok = true;
  const json: Record<string, unknown> = {};
  if (values.only !== 'engine') {
    const r = await runHelmRenderBench({
      components: positive('components', values.components),
      charts: positive('charts', values.charts),
      rounds: positive('rounds', values.rounds),
      concurrency: positive('concurrency', values.concurrency),
    });
    const ratios = { cold: r.cold.medianMs / r.serial.medianMs, warm: r.warm.medianMs / r.serial.medianMs };
    const verdict = { cold: ratios.cold <= TARGETS.cold, warm: ratios.warm <= TARGETS.warm };
    if (values.output === 'json') {
      const estimate = idleEstimate(r) ?? null;
      json['render'] = { ...r, ratios, targets: TARGETS, pass: verdict, estimate };
    } else {
      process.stdout.write(`${table(r, verdict)}\n`);
    }
    ok &&= verdict.cold && verdict.warm;
  }
  if (values.only !== 'render') {
    const e = await runEngineBench();
    if (values.output === 'json') json['engine'] = { targets: ENGINE_TARGETS, ...e };
    else process.stdout.write(`${values.only ? '' : '\n'}${engineTable(e)}\n`);
    ok &&= enginePassed(e);
  }
  if (values.output === 'json') process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
