/** Problems in reading order. */
import type { ConvoyError, SourcePosition } from '../errors.ts';

/** Sorts errors by file, line, column, then message. */
export function sortByPosition(errors: readonly ConvoyError[]): ConvoyError[] {
  const key = (p: SourcePosition | undefined) => [p?.file ?? '', p?.line ?? 0, p?.column ?? 0] as const;
  return [...errors].sort((a, b) => {
    const [fa, la, ca] = key(a.position);
    const [fb, lb, cb] = key(b.position);
    return fa.localeCompare(fb) || la - lb || ca - cb || a.message.localeCompare(b.message);
  });
}
