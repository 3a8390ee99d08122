/**
 * Runs an external tool (helm, kubectl) without a shell and collects its output.
 */
import { spawn } from 'node:child_process';
import { ConvoyError } from '../errors.ts';

/** What a finished tool run produced. */
export interface ToolResult {
  /** Exit code; null when killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runTool}. */
export interface RunToolOptions {
  /** Written to the tool's stdin, then stdin is closed. Default: nothing (stdin closed at once). */
  stdin?: string;
  /** Environment. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Working directory. Default: process.cwd(). */
  cwd?: string;
  /** The fix shown when the binary cannot be started, e.g. `run bash tools/setup.sh or set CONVOY_HELM`. */
  missingFix: string;
}

/**
 * Starts `binary` with `args` (no shell) and resolves with its exit code and output; it does
 * not reject on a non-zero exit. Output size is not limited.
 *
 * @throws ConvoyError `E_TOOL` when the binary cannot be started (not found, not executable).
 */
export function runTool(binary: string, args: readonly string[], options: RunToolOptions): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {
      // The tool may exit before reading stdin (e.g. a usage error); its exit code tells.
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'not found' : e.code === 'EACCES' ? 'not executable' : e.message;
      reject(new ConvoyError('E_TOOL', `cannot run ${binary}: ${why}`, { fix: options.missingFix, cause: e }));
    });
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * The line of a tool's stderr that says what failed: the first `Error: ...` line (prefix
 * removed), else the first non-empty line, else `exit code N`.
 */
export function firstErrorLine(stderr: string, code: number | null): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const error = lines.find((l) => l.startsWith('Error:') || l.startsWith('error:'));
  if (error) return error.replace(/^[Ee]rror:\s*/, '');
  return lines[0] ?? `exit code ${code ?? 'signal'}`;
}

/** stderr trimmed for an error's cause: at most `max` characters (default 4000), whitespace trimmed. */
export function trimStderr(stderr: string, max = 4000): string {
  const t = stderr.trim();
  return t.length > max ? `${t.slice(0, max)}\n… (${t.length - max} more characters)` : t;
}
