/** Finds the stack file for a path the user gave: a file, or a directory holding one. */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ConvoyError } from '../errors.ts';
import { closest } from '../plan/suggest.ts';

/** Names looked for in a directory, in order. */
export const STACK_FILE_NAMES = ['convoy.yaml', 'convoy.yml', 'convoy.config.ts'] as const;

/** Extensions of stack files: YAML, or a TypeScript module. */
const EXTENSIONS = ['.yaml', '.yml', '.ts', '.mts'];

/** True when `file` is a TypeScript config module rather than YAML. */
export function isModuleFile(file: string): boolean {
  return ['.ts', '.mts'].includes(extname(file));
}

/**
 * The stack file for `path`, as the user wrote it (a directory gets the file name joined).
 *
 * @param path a stack file (`*.yaml`, `*.yml`, `*.ts`) or a directory holding
 *   `convoy.yaml`, `convoy.yml` or `convoy.config.ts` (first found wins).
 * @throws ConvoyError `E_FILE` when the path does not exist, the directory holds no stack
 *   file, or the file has another extension.
 */
export async function findStackFile(path: string): Promise<string> {
  const kind = await stat(path).then(
    (s) => (s.isDirectory() ? 'dir' : 'file'),
    () => undefined,
  );
  if (kind === undefined) {
    const near = await nearName(path);
    throw new ConvoyError('E_FILE', `stack file "${path}" does not exist`, {
      expected: 'a stack file (convoy.yaml, convoy.config.ts) or a directory holding one',
      fix: near ? `did you mean "${near}"?` : 'Check the path, or run convoy in the directory of the stack.',
    });
  }
  if (kind === 'dir') {
    for (const name of STACK_FILE_NAMES) {
      const candidate = join(path, name);
      if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    }
    throw new ConvoyError('E_FILE', `no stack file in directory "${path}"`, {
      position: { file: path },
      expected: `one of ${STACK_FILE_NAMES.join(', ')}`,
      fix: 'Create convoy.yaml there (apiVersion: convoy.dev/v1alpha1, kind: Stack), or pass the stack file itself.',
    });
  }
  if (!EXTENSIONS.includes(extname(path))) {
    throw new ConvoyError('E_FILE', `"${path}" is not a stack file`, {
      position: { file: path },
      expected: 'a .yaml or .yml file, or a TypeScript module (.ts)',
      fix: 'Pass convoy.yaml, convoy.config.ts, or the directory holding them.',
    });
  }
  return path;
}

async function nearName(path: string): Promise<string | undefined> {
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const near = closest(basename(path), names);
  return near === undefined ? undefined : join(dirname(path), near);
}
