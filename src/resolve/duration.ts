/** Durations as the stack schema writes them (Go time.ParseDuration units ms, s, m, h). */
import { ConvoyError, type SourcePosition } from '../errors.ts';

/** Readiness timeout of a component when it sets none: 5 minutes, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/**
 * Parses `90s`, `5m`, `1h30m`, `1.5h`, `500ms` into seconds (may be fractional).
 *
 * @throws ConvoyError `E_SCHEMA` for anything else (the schema normally rejects it first).
 */
export function parseDuration(text: string, position?: SourcePosition): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/gy)];
  const matched = parts.reduce((n, p) => n + p[0].length, 0);
  if (parts.length === 0 || matched !== text.length) {
    throw new ConvoyError('E_SCHEMA', `"${text}" is not a duration`, {
      position,
      expected: 'a duration such as 30s, 5m or 1h30m',
      fix: 'Write a number followed by a unit: ms, s, m or h.',
    });
  }
  const seconds = parts.reduce((n, p) => n + Number(p[1]) * (UNIT_SECONDS[p[2] as string] ?? 0), 0);
  return Math.round(seconds * 1000) / 1000;
}
