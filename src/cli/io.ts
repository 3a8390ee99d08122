/**
 * The CLI's only printing surface: stdout for results, stderr for progress and errors.
 * Tests construct their own {@link Io} to capture every byte.
 */
import pc from 'picocolors';
import { ConvoyError, ConvoyErrors } from '../errors.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (enables colour and live progress). */
  isTTY: boolean;
  /** Environment for `${env.X}` references. */
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The process's own streams. */
export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Prints an error the way users read it: `error[E_CODE] file:line:col: message` + expected/fix. */
export function printError(io: Io, err: unknown, debug = false): void {
  const red = io.isTTY ? pc.red : (s: string) => s;
  if (err instanceof ConvoyErrors) {
    for (const e of err.errors) printError(io, e, debug);
    if (err.errors.length > 1) io.err(`${err.errors.length} problems found; nothing was done.\n`);
    return;
  }
  if (err instanceof ConvoyError) {
    io.err(`${red(`error[${err.code}]`)} ${err.format()}\n`);
    if (debug && err.cause) io.err(`  cause: ${String((err.cause as Error)?.stack ?? err.cause)}\n`);
    return;
  }
  const e = err as Error;
  io.err(`${red('internal error')}: ${e?.message ?? String(err)}\n`);
  if (debug && e?.stack) io.err(`${e.stack}\n`);
  else io.err('  run again with --debug for the stack trace, and report it as a bug\n');
}
