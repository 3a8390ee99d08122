/**
 * The files a kustomization reads: its directory, plus every local path it references
 * outside that directory (`resources: [../base]`, patches, generator files), followed
 * transitively. Remote references (URLs, git) make the output uncacheable.
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import type { RenderContext } from './context.ts';
import { readText } from './fs-util.ts';

/** Kustomization file names, in the order kustomize looks for them (api/konfig/general.go). */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Fields whose strings (or list items) are local paths. */
const PATH_KEYS = new Set([
  'resources',
  'bases',
  'components',
  'crds',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'patchesStrategicMerge',
  'path',
  'files',
  'envs',
  'env',
]);

function isRemote(p: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('github.com/') || p.startsWith('git@') || p.includes('?ref=')
  );
}

function collectPaths(node: unknown, key: string | undefined, out: string[]): void {
  if (typeof node === 'string') {
    if (key === undefined) return;
    // configMapGenerator files may be `key=path`
    out.push(key === 'files' && !isRemote(node) && node.includes('=') ? node.slice(node.indexOf('=') + 1) : node);
  } else if (Array.isArray(node)) {
    for (const item of node) collectPaths(item, key, out);
  } else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) collectPaths(v, PATH_KEYS.has(k) ? k : undefined, out);
  }
}

/** An input of a kustomize render: a directory tree or a file, with its content hash. */
export interface KustomizeInput {
  path: string;
  sha256: string;
}

/**
 * Content hashes of everything the kustomization in `dir` reads, sorted by path;
 * `cacheable` is false when it references anything remote (then `inputs` stops there).
 * Inline patches (strings with newlines) are part of the kustomization file itself.
 */
export async function kustomizeInputs(
  dir: string,
  ctx: RenderContext,
): Promise<{ inputs: KustomizeInput[]; cacheable: boolean }> {
  const roots: string[] = [];
  const inputs: KustomizeInput[] = [];
  const covered = (p: string): boolean => roots.some((r) => p === r || p.startsWith(r + sep));
  const visitDir = async (d: string): Promise<boolean> => {
    roots.push(d);
    inputs.push({ path: ctx.rel(d), sha256: await ctx.treeHash(d) });
    let text: string | undefined;
    for (const name of KUSTOMIZATION_FILES) {
      text = await readText(join(d, name));
      if (text !== undefined) break;
    }
    if (text === undefined) return true;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      return true; // kustomize reports the syntax error itself
    }
    const paths: string[] = [];
    collectPaths(doc, undefined, paths);
    for (const p of paths) {
      if (p.includes('\n')) continue;
      if (isRemote(p)) return false;
      const abs = isAbsolute(p) ? p : resolve(d, p);
      if (covered(abs)) continue;
      const s = await stat(abs).catch(() => null);
      if (s?.isDirectory()) {
        if (!(await visitDir(abs))) return false;
      } else if (s?.isFile()) {
        roots.push(abs);
        inputs.push({ path: ctx.rel(abs), sha256: await ctx.fileHash(abs) });
      } else if (!covered(dirname(abs))) {
        inputs.push({ path: ctx.rel(abs), sha256: 'missing' });
      }
    }
    return true;
  };
  const cacheable = await visitDir(dir);
  return { inputs: inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), cacheable };
}
