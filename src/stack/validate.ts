/**
 * Semantic checks of a stack that the schema cannot express, run after it passes:
 * sources, needs and cycles, environment selections, workload kinds, unique instance
 * and Service names, and the files the stack refers to.
 */
import type { ConvoyError } from '../errors.ts';
import { checkConnects } from './checks/connects.ts';
import { checkDuplicates } from './checks/duplicates.ts';
import { checkFiles } from './checks/files.ts';
import { checkNeeds } from './checks/needs.ts';
import { checkSelection } from './checks/selection.ts';
import { checkSources } from './checks/sources.ts';
import { checkWorkloads } from './checks/workloads.ts';
import type { CheckContext } from './checks/context.ts';
import { sortByPosition } from './sort.ts';

export type { CheckContext } from './checks/context.ts';

/**
 * Runs every semantic check and returns all problems, sorted by position (empty when the
 * stack is sound). Codes: `E_SCHEMA` (sources, workload fields), `E_NEEDS`, `E_CYCLE`,
 * `E_SELECTION`, `E_DUPLICATE`, `E_FILE`; connects (`E_NEEDS`, `E_SCHEMA`). Reads the file system (files check) but
 * changes nothing.
 */
export async function validateSpec(ctx: CheckContext): Promise<ConvoyError[]> {
  const errors = [
    ...checkSources(ctx),
    ...checkNeeds(ctx),
    ...checkConnects(ctx),
    ...checkSelection(ctx),
    ...checkWorkloads(ctx),
    ...checkDuplicates(ctx),
    ...(await checkFiles(ctx)),
  ];
  return sortByPosition(errors);
}
