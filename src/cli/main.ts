/**
 * Entry point of the `convoy` binary. Returns the process exit code:
 * 0 ok, 1 failure, 2 bad input (nothing was done), 3 stack locked.
 */
import { CommanderError } from 'commander';
import { buildProgram, type ProgramState } from './program.ts';
import { printError, processIo, type Io } from './io.ts';
import { exitCodeFor } from '../errors.ts';

/** Runs the CLI with `argv` (without node and script). */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const state: ProgramState = { exitCode: 0 };
  const program = buildProgram(io, state);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors (unknown option, missing argument) are input errors.
      return err.exitCode === 0 ? 0 : 2;
    }
    printError(io, err, debug);
    return exitCodeFor(err);
  }
}
