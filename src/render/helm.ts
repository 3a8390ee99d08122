/**
 * Helm components: rendered by the real `helm template` (never a reimplementation).
 */
import { ConvoyError } from '../errors.ts';
import { annotateObject } from '../objects/annotate.ts';
import type { KubeObject } from '../objects/types.ts';
import type { ResolvedComponent } from '../resolve/types.ts';
import type { SourceRenderer } from './context.ts';
import { firstErrorLine, runTool, trimStderr } from './exec.ts';
import { chartRef, helmTemplateArgs, isPinned, releaseName, type ResolvedHelmSource } from './helm-args.ts';
import { parseDocuments, toObjects } from './parse.ts';

function helmSource(component: ResolvedComponent): ResolvedHelmSource {
  if (component.source.kind !== 'helm') throw new Error(`component ${component.name} is not a Helm component`);
  return component.source;
}

/**
 * The origin of an object from Helm's `# Source: <chart>/<path>` comment: for a local chart
 * the path relative to the stack directory (`charts/panda/templates/deployment.yaml`, subcharts
 * `charts/panda/charts/sub/templates/x.yaml`); for a remote chart `<chart>@<version>:<path>`
 * (`<chart>:<path>` when no version is given). Without a comment: the chart itself.
 */
export function helmOrigin(
  source: ResolvedHelmSource,
  comment: string | undefined,
  rel: (p: string) => string,
): string {
  const slash = comment?.indexOf('/') ?? -1;
  const inChart = comment !== undefined && slash >= 0 ? comment.slice(slash + 1) : undefined;
  if (source.chartPath !== undefined) {
    const base = rel(source.chartPath);
    if (inChart === undefined) return base;
    return base === '' ? inChart : `${base}/${inChart}`;
  }
  const chart = source.version ? `${source.chart}@${source.version}` : source.chart;
  return inChart === undefined ? chart : `${chart}:${inChart}`;
}

/** Renders Helm components (`helm template`); see {@link helmTemplateArgs} for the command line. */
export const helmRenderer: SourceRenderer = {
  async keyInputs(component, ctx) {
    const source = helmSource(component);
    const [tool, chart, values] = await Promise.all([
      ctx.toolVersion(ctx.helm),
      source.chartPath === undefined
        ? { repo: source.repo, chart: source.chart, version: source.version }
        : ctx.treeHash(source.chartPath).then((tree) => ({ path: ctx.rel(source.chartPath ?? ''), tree })),
      Promise.all(source.valuesFiles.map(async (f) => ({ path: ctx.rel(f), sha256: await ctx.fileHash(f) }))),
    ]);
    return {
      cacheable: source.chartPath !== undefined || isPinned(source),
      inputs: {
        tool,
        release: releaseName(component, source),
        chart,
        values,
        inline: source.inlineValues,
        set: source.set ?? {},
        includeCrds: source.includeCrds,
        kubeVersion: source.kubeVersion,
        apiVersions: source.apiVersions ?? [],
      },
    };
  },

  async render(component, ctx) {
    const source = helmSource(component);
    const args = helmTemplateArgs(component, source);
    const hasInline = Object.keys(source.inlineValues).length > 0;
    const result = await ctx.pool(() =>
      runTool(ctx.helm.binary, args, {
        env: ctx.env,
        cwd: ctx.stack.dir,
        missingFix: ctx.helm.fix,
        ...(hasInline ? { stdin: JSON.stringify(source.inlineValues) } : {}),
      }),
    );
    if (result.code !== 0) {
      const rel = source.chartPath === undefined ? source.chart : ctx.rel(source.chartPath) || '.';
      throw new ConvoyError(
        'E_RENDER',
        `helm template failed for component "${component.name}": ${firstErrorLine(result.stderr, result.code)}`,
        {
          position: component.position,
          fix: `fix the chart or the values of "${component.name}"; reproduce with: helm template ${releaseName(component, source)} ${rel} --namespace ${component.namespace} --debug`,
          cause: new Error(trimStderr(result.stderr)),
        },
      );
    }
    const what = `component "${component.name}" (chart ${chartRef(source)})`;
    const docs = parseDocuments(result.stdout, `helm template ${component.name}`, what);
    return toObjects(docs, what).map(({ object, source: comment }): KubeObject =>
      annotateObject(object, { component: component.name, origin: helmOrigin(source, comment, ctx.rel) }),
    );
  },
};
