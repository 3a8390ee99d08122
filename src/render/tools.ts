/**
 * The external binaries render uses and their version strings (part of the cache key).
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { ConvoyError } from '../errors.ts';
import { runTool } from './exec.ts';
import { readText, writeAtomic } from './fs-util.ts';

/** Fix shown when helm cannot be started. */
export const HELM_FIX = 'run bash tools/setup.sh or set CONVOY_HELM';
/** Fix shown when kubectl cannot be started. */
export const KUBECTL_FIX = 'run bash tools/setup.sh or set CONVOY_KUBECTL';

/** A tool to run: the binary and how to fix its absence. */
export interface Tool {
  binary: string;
  fix: string;
  /** Arguments that print the version, e.g. `['version']`. */
  versionArgs: string[];
}

/** helm: `options.helmBinary`, else `$CONVOY_HELM`, else `helm` on PATH. */
export function helmTool(binary: string | undefined): Tool {
  return { binary: binary ?? process.env.CONVOY_HELM ?? 'helm', fix: HELM_FIX, versionArgs: ['version'] };
}

/** kubectl (for `kubectl kustomize`): `options.kubectlBinary`, else `$CONVOY_KUBECTL`, else `kubectl` on PATH. */
export function kubectlTool(binary: string | undefined): Tool {
  return {
    binary: binary ?? process.env.CONVOY_KUBECTL ?? 'kubectl',
    fix: KUBECTL_FIX,
    versionArgs: ['version', '--client'],
  };
}

/** The file a command name runs: itself when it holds a '/', else the first match on PATH; undefined if none. */
async function locate(binary: string): Promise<string | undefined> {
  if (binary.includes('/')) return isAbsolute(binary) ? binary : resolvePath(binary);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, binary);
    try {
      if ((await stat(p)).isFile()) return p;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * Reads tool version strings once per instance. With a cache directory, versions are also
 * kept on disk under `<cacheDir>/tools/`, keyed by the binary's path, size, mtime and inode,
 * so a warm render does not start the tool at all.
 */
export function toolVersionReader(cacheDir: string | null): (tool: Tool) => Promise<string> {
  const memo = new Map<string, Promise<string>>();
  const read = async (tool: Tool): Promise<string> => {
    const file = await locate(tool.binary);
    if (!file) throw new ConvoyError('E_TOOL', `cannot run ${tool.binary}: not found`, { fix: tool.fix });
    const s = await stat(file).catch((cause: unknown) => {
      throw new ConvoyError('E_TOOL', `cannot run ${tool.binary}: ${String(cause)}`, { fix: tool.fix, cause });
    });
    const id = createHash('sha256')
      .update(JSON.stringify([file, s.size, s.mtimeMs, s.ino, tool.versionArgs]))
      .digest('hex');
    const memoFile = cacheDir === null ? undefined : join(cacheDir, 'tools', `${id}.txt`);
    if (memoFile) {
      const known = await readText(memoFile);
      if (known) return known;
    }
    const r = await runTool(file, tool.versionArgs, { missingFix: tool.fix });
    if (r.code !== 0) {
      throw new ConvoyError('E_TOOL', `${tool.binary} ${tool.versionArgs.join(' ')} failed: ${r.stderr.trim()}`, {
        fix: tool.fix,
      });
    }
    const version = r.stdout.trim();
    if (memoFile) await writeAtomic(memoFile, version);
    return version;
  };
  return (tool) => {
    let p = memo.get(tool.binary);
    if (!p) {
      p = read(tool);
      memo.set(tool.binary, p);
    }
    return p;
  };
}
