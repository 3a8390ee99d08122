import type { SourcePosition } from '../errors.ts';
import type { StackSpec } from './schema.ts';

/**
 * A stack after loading and validation: the spec plus where it came from, so later
 * stages (resolve, graph) can report errors at the right file:line:column.
 */
export interface LoadedStack {
  /** The validated spec, defaults applied. */
  spec: StackSpec;
  /** Absolute path of the stack file (convoy.yaml or convoy.config.ts). */
  file: string;
  /** Absolute directory of the stack file; relative paths in the spec resolve against it. */
  dir: string;
  /**
   * Position of a value in the source, by its path in the document
   * (e.g. `['spec', 'components', 'panda', 'needs', 0]`). Returns at least `{file}`
   * when the exact node is unknown (TypeScript modules have no positions).
   */
  positionOf(path: readonly (string | number)[]): SourcePosition;
  /**
   * Position of the mapping key that holds `path` (e.g. the `panda:` of a component), for
   * errors about a name rather than a value. Same fallbacks as {@link positionOf}.
   */
  keyPositionOf?(path: readonly (string | number)[]): SourcePosition;
}
