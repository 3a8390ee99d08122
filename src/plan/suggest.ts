/**
 * "Did you mean" hints for misspelt names, in the style of helmfile's
 * `Perhaps you made a typo in "needs"?`. Pure helpers, shared by plan and resolve.
 */

/**
 * Edit distance between two strings: insert, delete, substitute and swap of two
 * adjacent characters each cost 1 (optimal string alignment distance), so `pnada`
 * is one edit from `panda`.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = d[i - 1] as number[];
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
    d.push(row);
  }
  return d[a.length]?.[b.length] ?? 0;
}

/**
 * The candidate closest to `name`, or undefined when none is close enough.
 * Close enough: edit distance at most max(1, ⌊len/3⌋), or one is a prefix of the other.
 * Ties go to the alphabetically smaller candidate, so the hint is deterministic.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(name.length / 3));
  for (const c of [...candidates].sort()) {
    if (c === name) continue;
    const d = editDistance(name, c);
    const prefix = c.startsWith(name) || name.startsWith(c);
    if ((d <= limit || prefix) && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean "x"? ` when a close candidate exists, else the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closest(name, candidates);
  return c === undefined ? '' : `did you mean "${c}"? `;
}

/** `a, b, c` (sorted), or `(none)` for an empty list. */
export function listNames(names: Iterable<string>): string {
  const sorted = [...names].sort();
  return sorted.length === 0 ? '(none)' : sorted.join(', ');
}
