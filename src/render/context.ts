/**
 * What every source renderer gets: the stack, the tools, and memoised file hashing shared
 * by all components of one `render()` call (a chart used by 100 components is read once).
 */
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import type { KubeObject } from '../objects/types.ts';
import type { ResolvedComponent, ResolvedStack } from '../resolve/types.ts';
import { hashTree, sha256 } from './fs-util.ts';
import type { Tool } from './tools.ts';

/** Shared state of one render() call. */
export interface RenderContext {
  stack: ResolvedStack;
  helm: Tool;
  kubectl: Tool;
  /** The tool's version string (read once). */
  toolVersion: (tool: Tool) => Promise<string>;
  /** Content hash of a directory tree (see fs-util `hashTree`), memoised by path. */
  treeHash: (dir: string) => Promise<string>;
  /** sha256 of a file's bytes, memoised by path. */
  fileHash: (file: string) => Promise<string>;
  /** A path relative to the stack directory, with '/' separators. */
  rel: (abs: string) => string;
  /** Environment for child tools. */
  env: NodeJS.ProcessEnv;
  /**
   * Runs a tool process inside the render pool: at most `concurrency` helm/kubectl
   * processes run at once, while hashing, parsing and cache writes of other components
   * proceed outside it (so the pool's slots are never held by Node-side work).
   */
  pool: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** What determines a component's output, for the cache key. */
export interface KeyInputs {
  /** JSON-able inputs that, with the component identity, determine the output. */
  inputs: unknown;
  /** False when the inputs cannot pin the output (an unpinned remote chart, a remote kustomize base). */
  cacheable: boolean;
}

/** A component's source renderer: its cache key inputs and its objects. */
export interface SourceRenderer {
  /** The inputs of the component's render (file contents by hash, tool version, options). */
  keyInputs(component: ResolvedComponent, ctx: RenderContext): Promise<KeyInputs>;
  /** The component's objects, annotated with component and origin (namespaces not yet defaulted). */
  render(component: ResolvedComponent, ctx: RenderContext): Promise<KubeObject[]>;
}

function memo<T>(fn: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const m = new Map<string, Promise<T>>();
  return (key) => {
    let p = m.get(key);
    if (!p) {
      p = fn(key);
      m.set(key, p);
    }
    return p;
  };
}

/**
 * Builds a {@link RenderContext}. `concurrency` sizes the tool process pool (default 1);
 * `io` bounds concurrent file reads while hashing (default 32).
 */
export function createContext(
  stack: ResolvedStack,
  tools: Pick<RenderContext, 'helm' | 'kubectl' | 'toolVersion' | 'env'>,
  concurrency = 1,
  io = 32,
): RenderContext {
  const limit = pLimit(io);
  const processes = pLimit(concurrency);
  const fileHash = memo((file) => limit(async () => sha256(await readFile(file))));
  return {
    stack,
    ...tools,
    pool: (fn) => processes(fn),
    fileHash,
    treeHash: memo((dir) => hashTree(dir, (f) => fileHash(join(dir, f)))),
    rel: (abs) => relative(stack.dir, abs).split(sep).join('/'),
  };
}
