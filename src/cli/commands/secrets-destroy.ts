/**
 * The confirmation of `convoy destroy --purge --drop-databases`: dropping databases loses
 * data for good, so it needs `--purge` and either `--yes` or the stack name typed at an
 * interactive prompt. Without a terminal and without `--yes` it refuses.
 */
import { createInterface } from 'node:readline/promises';
import type { Io } from '../io.ts';
import { ConvoyError } from '../../errors.ts';
import type { DatabaseStep } from '../../apply/databases.ts';

/** What {@link confirmDropDatabases} checks. */
export interface DropConfirmation {
  purge: boolean;
  yes: boolean;
  /** The deployment name the user must type. */
  stack: string;
  steps: readonly DatabaseStep[];
  /** Reads one answer line; default: stdin when it is a terminal. For tests. */
  ask?: (question: string) => Promise<string | undefined>;
}

/**
 * Resolves when dropping is confirmed.
 *
 * @throws ConvoyError `E_USAGE` without `--purge`; without `--yes` when there is no terminal
 *   to ask; when the typed name does not match. Nothing has been deleted at that point.
 */
export async function confirmDropDatabases(io: Io, c: DropConfirmation): Promise<void> {
  const list = c.steps.map(
    (s) => `${s.request.database} (${s.request.engine} at ${s.request.admin.host}:${s.request.admin.port})`,
  );
  if (!c.purge) {
    throw new ConvoyError('E_USAGE', '--drop-databases needs --purge', {
      fix: 'Run convoy destroy --purge --drop-databases (and --yes when not at a terminal).',
    });
  }
  if (c.yes || c.steps.length === 0) return;
  const ask = c.ask ?? (io.isTTY && process.stdin.isTTY ? terminalAsk : undefined);
  if (ask === undefined) {
    throw new ConvoyError('E_USAGE', `refusing to drop ${list.join(', ')} without confirmation; nothing was deleted`, {
      fix: 'Pass --yes to confirm, or run at a terminal to be asked.',
    });
  }
  io.err(`This drops, for good:\n  ${list.join('\n  ')}\n`);
  const answer = await ask(`Type the stack name (${c.stack}) to confirm: `);
  if (answer?.trim() !== c.stack) {
    throw new ConvoyError('E_USAGE', 'not confirmed; nothing was deleted', {
      fix: `Type ${c.stack} exactly, or pass --yes.`,
    });
  }
}

async function terminalAsk(question: string): Promise<string | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
