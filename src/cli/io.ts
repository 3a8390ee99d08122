/**
 * The CLI's only printing surface: stdout for results, stderr for progress and errors.
 * Tests construct their own {@link Io} to capture every byte.
 */
import pc from 'picocolors';
import { ConvoyError, ConvoyErrors } from '../errors.ts';
import { Redactor } from '../secrets/redact.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (enables colour and live progress). */
  isTTY: boolean;
  /** Environment for `${env.X}` references. */
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * The run's one Redactor: commands register every secret value they come to know (built
   * and live secrets, CA keys, database passwords, env-sourced values) and everything
   * written through `out`/`err` is scrubbed of them. Set by {@link redactOutput}.
   */
  redactor?: Redactor;
}

/**
 * Makes `io` redact: its `out` and `err` are replaced, on the same object, by functions that
 * pass every text through one new {@link Redactor} (kept in `io.redactor`), so whoever holds
 * `io` — commands, progress views, commander's help and the error printer of main() — prints
 * only scrubbed text. Idempotent: an `io` that redacts already is returned as it is.
 */
export function redactOutput(io: Io): Redactor {
  if (io.redactor) return io.redactor;
  const redactor = new Redactor();
  const out = io.out.bind(io);
  const err = io.err.bind(io);
  io.out = (t) => out(redactor.redact(t));
  io.err = (t) => err(redactor.redact(t));
  io.redactor = redactor;
  return redactor;
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
