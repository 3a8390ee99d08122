/**
 * File paths of component sources, made absolute against the stack directory and checked
 * to exist (synchronously: a stack names a handful of files).
 */
import { existsSync, globSync, statSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { ConvoyError } from '../errors.ts';
import type { Where } from './references.ts';

/** True when the chart is a local directory: neither `helm.repo` is set nor is it `oci://`. */
export function isLocalChart(chart: string, repo: string | undefined): boolean {
  return repo === undefined && !chart.startsWith('oci://');
}

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

/**
 * Absolute path of a local chart directory.
 *
 * @throws ConvoyError `E_FILE` when the directory does not exist.
 */
export function chartPath(dir: string, chart: string, where: Where): string {
  const abs = resolvePath(dir, chart);
  if (isDir(abs)) return abs;
  throw new ConvoyError('E_FILE', `chart directory ${chart} does not exist (${abs})`, {
    position: where.position,
    expected: 'a local chart directory relative to the stack file, or a repository/OCI chart',
    fix: 'Fix the path, set helm.repo for a chart from a repository, or write oci://registry/path/chart.',
  });
}

/** A values file entry after reference expansion. */
export interface ValuesEntry {
  /** The path as written, references expanded, trailing `?` removed. */
  path: string;
  optional: boolean;
  where: Where;
}

/**
 * Absolute values files that exist, in order; optional missing ones are dropped.
 *
 * @throws ConvoyError `E_FILE` at the entry for a missing required file.
 */
export function valuesFiles(dir: string, entries: readonly ValuesEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const abs = resolvePath(dir, e.path);
    if (isFile(abs)) out.push(abs);
    else if (!e.optional) {
      throw new ConvoyError('E_FILE', `values file ${e.path} does not exist (${abs})`, {
        position: e.where.position,
        expected: 'a values file relative to the stack file',
        fix: `Fix the path, or append ? ("${e.path}?") to skip it when it is missing.`,
      });
    }
  }
  return out;
}

/**
 * Absolute kustomization directory.
 *
 * @throws ConvoyError `E_FILE` when it does not exist.
 */
export function kustomizePath(dir: string, path: string, where: Where): string {
  const abs = resolvePath(dir, path);
  if (isDir(abs)) return abs;
  throw new ConvoyError('E_FILE', `kustomize directory ${path} does not exist (${abs})`, {
    position: where.position,
    expected: 'a directory holding kustomization.yaml, relative to the stack file',
    fix: 'Fix kustomize.path.',
  });
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Manifest files: each entry is a file or a glob (fs.globSync, files only), relative to
 * the stack directory. Matches of one glob are sorted; entries keep their order;
 * duplicates are kept once (first place).
 *
 * @throws ConvoyError `E_FILE` at an entry that is missing or matches no file.
 */
export function manifestFiles(dir: string, entries: readonly string[], whereOf: (i: number) => Where): string[] {
  const out = new Set<string>();
  entries.forEach((entry, i) => {
    let found: string[];
    if (GLOB_CHARS.test(entry)) {
      found = globSync(entry, { cwd: dir })
        .map((p) => (isAbsolute(p) ? p : resolvePath(dir, p)))
        .filter(isFile)
        .sort();
    } else {
      const abs = resolvePath(dir, entry);
      found = isFile(abs) ? [abs] : [];
    }
    if (found.length === 0) {
      throw new ConvoyError('E_FILE', `manifests entry ${entry} matches no file`, {
        position: whereOf(i).position,
        expected: 'a manifest file or a glob such as manifests/*.yaml, relative to the stack file',
        fix: isDir(resolvePath(dir, entry)) ? `Write ${entry.replace(/\/$/, '')}/*.yaml.` : 'Fix the path or glob.',
      });
    }
    for (const f of found) out.add(f);
  });
  return [...out];
}
