/**
 * Loads a stack: finds the file, parses YAML with positions (or imports a TypeScript
 * config module), validates it against the one schema (src/stack/schema.ts) and runs the
 * semantic checks (src/stack/validate.ts). Every problem of the file is reported in one
 * pass, each with `file:line:column`, what was expected and a fix.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConvoyError, ConvoyErrors } from '../errors.ts';
import { findStackFile, isModuleFile } from './find.ts';
import { importStackModule } from './load-module.ts';
import { parseStackYaml } from './parse-yaml.ts';
import { Stack } from './schema.ts';
import { schemaErrors } from './schema-issues.ts';
import { fileOnlySourceMap, type SourceMap } from './source-map.ts';
import type { LoadedStack } from './types.ts';
import { validateSpec } from './validate.ts';

/**
 * Loads and validates a stack.
 *
 * @param path a stack file (`convoy.yaml`, any `*.yaml`/`*.yml`), a TypeScript module
 *   (`convoy.config.ts`: `export default defineStack({...})`, or a default-exported
 *   function returning the stack), or a directory holding `convoy.yaml`, `convoy.yml` or
 *   `convoy.config.ts` (first found wins). Relative paths inside the stack resolve against
 *   the stack file's directory.
 * @returns the spec with defaults applied, its absolute file and directory, and
 *   `positionOf` (YAML: exact line and column; TypeScript modules: the file only).
 * @throws ConvoyErrors all problems of the file, sorted by position, each a ConvoyError:
 *   `E_YAML` (syntax), `E_DUPLICATE` (duplicate keys, instance or Service names), `E_SCHEMA`
 *   (unknown, missing or wrong fields; sources; workload kinds), `E_NAME` (names that are
 *   not DNS-1123 labels), `E_NEEDS`, `E_CYCLE`, `E_SELECTION` (environments naming unknown
 *   components), `E_FILE` (missing charts, values files, kustomize directories, manifests).
 *   Schema problems stop before the semantic checks. All are input errors (exit code 2).
 *   Also thrown, holding one error, when `path` names no stack file (`E_FILE`) or a config
 *   module fails to load or has no default export (`E_SCHEMA`).
 */
export async function loadStack(path: string): Promise<LoadedStack> {
  try {
    return await loadStackFile(path);
  } catch (err) {
    throw err instanceof ConvoyError && !(err instanceof ConvoyErrors) ? new ConvoyErrors([err]) : err;
  }
}

async function loadStackFile(path: string): Promise<LoadedStack> {
  const file = await findStackFile(path);
  const abs = resolve(file);
  if (isModuleFile(file)) {
    const data = await importStackModule(abs, file);
    return validateStack(data, { file: abs, dir: dirname(abs), map: fileOnlySourceMap(file) });
  }
  const text = await readFile(abs, 'utf8');
  const { data, map } = parseStackYaml(text, file);
  return validateStack(data, { file: abs, dir: dirname(abs), map });
}

/** Where a stack's text came from, for {@link loadStackText}. */
export interface StackTextOptions {
  /** File name for positions. Default `convoy.yaml`. */
  file?: string;
  /** Directory that relative paths resolve against. Default: the directory of `file`, resolved from the working directory. */
  dir?: string;
}

/**
 * Loads a stack from YAML text, as {@link loadStack} does for a file (for tests and
 * tools that hold the text already).
 *
 * @throws ConvoyErrors as {@link loadStack}.
 */
export async function loadStackText(text: string, options: StackTextOptions = {}): Promise<LoadedStack> {
  const file = options.file ?? 'convoy.yaml';
  const abs = resolve(options.dir ?? dirname(resolve(file)), file.split(/[\\/]/).pop() as string);
  const { data, map } = parseStackYaml(text, file);
  return validateStack(data, { file: abs, dir: dirname(abs), map });
}

/**
 * Validates parsed data (from YAML or a module) against the schema, then the semantic checks.
 *
 * @param data the document as plain values.
 * @param where the absolute file and directory, and the source map for positions.
 * @throws ConvoyErrors as {@link loadStack}.
 */
export async function validateStack(
  data: unknown,
  where: { file: string; dir: string; map: SourceMap },
): Promise<LoadedStack> {
  const { map } = where;
  const parsed = Stack.safeParse(data);
  if (!parsed.success) throw new ConvoyErrors(schemaErrors(parsed.error.issues, { root: Stack, data, map }));
  const errors = await validateSpec({ stack: parsed.data, dir: where.dir, map });
  if (errors.length > 0) throw new ConvoyErrors(errors);
  return {
    spec: parsed.data,
    file: where.file,
    dir: where.dir,
    positionOf: (path) => map.valueOf(path),
    keyPositionOf: (path) => map.keyOf(path),
  };
}
