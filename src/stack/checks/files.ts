/**
 * Files a stack refers to must exist: local Helm charts (with Chart.yaml, or a packaged
 * .tgz), values files (unless marked optional with a trailing `?`), kustomize
 * directories (with kustomization.yaml, kustomization.yml or Kustomization) and manifest
 * files or globs (at least one match). Paths holding `${…}` references are checked at
 * resolve time instead. Paths are relative to the stack file's directory.
 */
import { glob, readdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { ConvoyError } from '../../errors.ts';
import { closest } from '../../plan/suggest.ts';
import { chartKind } from '../chart-ref.ts';
import type { ComponentSpec } from '../schema.ts';
import type { DocPath } from '../source-map.ts';
import { componentPath, type CheckContext } from './context.ts';

/** File names kustomize accepts as a kustomization (sigs.k8s.io/kustomize konfig.RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * @returns `E_FILE` for each missing chart, values file, kustomize directory or manifest,
 *   at the position of the path in the stack file, with a "did you mean" for a near
 *   name in the same directory.
 */
export async function checkFiles(ctx: CheckContext): Promise<ConvoyError[]> {
  const all = await Promise.all(Object.entries(ctx.stack.spec.components).map(([n, c]) => componentFiles(ctx, n, c)));
  return all.flat();
}

async function componentFiles(ctx: CheckContext, name: string, c: ComponentSpec): Promise<ConvoyError[]> {
  const errors: (ConvoyError | undefined)[] = [];
  const base = componentPath(name);
  const who = `component "${name}"`;
  if (c.helm) {
    const path = [...base, 'helm', 'chart'];
    if (chartKind(c.helm, ctx.dir) === 'local' && !c.helm.chart.includes('${')) {
      errors.push(await checkChart(ctx, path, c.helm.chart, who));
    }
    for (const [index, entry] of c.helm.values.entries()) {
      if (entry.includes('${') || entry.endsWith('?')) continue;
      errors.push(
        await missing(ctx, [...base, 'helm', 'values', index], entry, 'file', `values file "${entry}" of ${who}`, {
          optional: `or mark it optional with a trailing "?": "${entry}?"`,
        }),
      );
    }
  }
  if (c.kustomize && !c.kustomize.path.includes('${')) {
    errors.push(await checkKustomize(ctx, [...base, 'kustomize', 'path'], c.kustomize.path, who));
  }
  if (c.manifests) {
    for (const [index, entry] of c.manifests.files.entries()) {
      if (entry.includes('${')) continue;
      const path = [...base, 'manifests', 'files', index];
      if (GLOB_CHARS.test(entry)) errors.push(await checkGlob(ctx, path, entry, who));
      else errors.push(await missing(ctx, path, entry, 'any', `manifest "${entry}" of ${who}`));
    }
  }
  return errors.filter((e): e is ConvoyError => e !== undefined);
}

type Want = 'file' | 'dir' | 'any';

async function kindAt(abs: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(abs);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** `E_FILE` when `entry` does not exist (or is not a `want`), with a sibling suggestion. */
async function missing(
  ctx: CheckContext,
  path: DocPath,
  entry: string,
  want: Want,
  what: string,
  extra: { optional?: string } = {},
): Promise<ConvoyError | undefined> {
  const abs = resolve(ctx.dir, entry);
  const found = await kindAt(abs);
  if (found && (want === 'any' || found === want)) return undefined;
  if (found) {
    const noun = (k: Want) => (k === 'dir' ? 'directory' : 'file');
    return fileError(
      ctx,
      path,
      `${what} is a ${noun(found)}, not a ${noun(want)}`,
      `a ${noun(want)}: ${abs}`,
      `Point it at a ${noun(want)}.`,
    );
  }
  const near = await sibling(abs, entry);
  const fix = near
    ? `did you mean "${near}"?`
    : `Create it or fix the path (relative to the stack file's directory)${extra.optional ? `, ${extra.optional}` : ''}.`;
  return fileError(ctx, path, `${what} does not exist`, `a ${want === 'dir' ? 'directory' : 'file'} at ${abs}`, fix);
}

async function checkChart(ctx: CheckContext, path: DocPath, chart: string, who: string) {
  const abs = resolve(ctx.dir, chart);
  const found = await kindAt(abs);
  if (found === 'file' && /\.(tgz|tar\.gz)$/.test(chart)) return undefined;
  if (found === undefined) {
    const near = await sibling(abs, chart);
    return fileError(
      ctx,
      path,
      `chart "${chart}" of ${who} does not exist`,
      `a chart directory (holding Chart.yaml) at ${abs}`,
      near
        ? `did you mean "${near}"?`
        : `Create it (helm create ${chart}) or fix the path; a chart in a repository needs helm.repo.`,
    );
  }
  if (found === 'file')
    return fileError(
      ctx,
      path,
      `chart "${chart}" of ${who} is a file, not a chart directory or .tgz`,
      `a chart directory (holding Chart.yaml) at ${abs}`,
      'Point it at the chart directory (the one holding Chart.yaml).',
    );
  if ((await kindAt(resolve(abs, 'Chart.yaml'))) === 'file') return undefined;
  return fileError(
    ctx,
    path,
    `chart "${chart}" of ${who} has no Chart.yaml`,
    `a chart directory (holding Chart.yaml) at ${abs}`,
    'Point it at the chart directory (the one holding Chart.yaml), or create Chart.yaml.',
  );
}

async function checkKustomize(ctx: CheckContext, path: DocPath, dir: string, who: string) {
  const problem = await missing(ctx, path, dir, 'dir', `kustomize directory "${dir}" of ${who}`);
  if (problem) return problem;
  const abs = resolve(ctx.dir, dir);
  for (const f of KUSTOMIZATION_FILES) if ((await kindAt(resolve(abs, f))) === 'file') return undefined;
  return fileError(
    ctx,
    path,
    `kustomize directory "${dir}" of ${who} has no kustomization.yaml`,
    `a directory holding ${KUSTOMIZATION_FILES.join(', ')}: ${abs}`,
    `Add kustomization.yaml there (kustomize create --autodetect), or point at the directory that has one.`,
  );
}

async function checkGlob(ctx: CheckContext, path: DocPath, pattern: string, who: string) {
  for await (const _match of glob(pattern, { cwd: ctx.dir })) return undefined;
  return fileError(
    ctx,
    path,
    `manifest pattern "${pattern}" of ${who} matches no file`,
    `at least one file matching ${resolve(ctx.dir, pattern)}`,
    "Fix the pattern (relative to the stack file's directory) or add the files; check the extension (.yaml vs .yml).",
  );
}

function fileError(ctx: CheckContext, path: DocPath, message: string, expected: string, fix: string): ConvoyError {
  return new ConvoyError('E_FILE', message, { position: ctx.map.valueOf(path), expected, fix });
}

/** The user's path with its last segment replaced by the nearest existing name, if any. */
async function sibling(abs: string, entry: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(dirname(abs));
  } catch {
    return undefined;
  }
  const near = closest(basename(abs), names);
  if (!near) return undefined;
  const cut = entry.replace(/\/+$/, '');
  const slash = cut.lastIndexOf('/');
  return slash < 0 ? near : `${cut.slice(0, slash + 1)}${near}`;
}
