/**
 * CLI flags → validated options objects (STYLE 8: kubectl's Options.Validate pattern).
 * The commands run from these objects only; parsing lives in ./program.ts.
 */
import { ConvoyError } from '../errors.ts';
import type { ResolveOptions } from '../resolve/types.ts';

/** Flags shared by every verb that reads a stack. */
export interface StackFlags {
  environment?: string;
  enable?: string[];
  disable?: string[];
  only?: string[];
  withNeeds?: boolean;
  skipNeeds?: boolean;
  affix?: string;
}

/** Output formats of machine-readable results. */
export const OUTPUT_FORMATS = ['text', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Splits `a,b` and repeated flags into one de-duplicated list, in order. */
export function splitList(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const out: string[] = [];
  for (const v of values) {
    for (const part of v.split(',')) {
      const t = part.trim();
      if (t && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

/**
 * Turns the selection flags into {@link ResolveOptions}.
 * @throws ConvoyError E_USAGE when `--with-needs` and `--skip-needs` are both given, or
 *   when either is given without `--only`.
 */
export function toResolveOptions(flags: StackFlags): ResolveOptions {
  if (flags.withNeeds && flags.skipNeeds) {
    throw new ConvoyError('E_USAGE', '--with-needs and --skip-needs cannot be used together', {
      fix: 'keep one of them: --with-needs (the default) includes what the selected components need',
    });
  }
  if ((flags.withNeeds || flags.skipNeeds) && !flags.only?.length) {
    throw new ConvoyError('E_USAGE', `--${flags.withNeeds ? 'with' : 'skip'}-needs only applies together with --only`, {
      fix: 'add --only <component>[,<component>…]',
    });
  }
  const opts: ResolveOptions = {};
  if (flags.environment) opts.environment = flags.environment;
  const enable = splitList(flags.enable);
  const disable = splitList(flags.disable);
  const only = splitList(flags.only);
  if (enable?.length) opts.enable = enable;
  if (disable?.length) opts.disable = disable;
  if (only?.length) {
    opts.only = only;
    opts.withNeeds = !flags.skipNeeds;
  }
  if (flags.affix !== undefined) opts.affix = flags.affix;
  return opts;
}

/**
 * Checks an enumerated flag value.
 * @throws ConvoyError E_USAGE naming the flag and the accepted values.
 */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConvoyError('E_USAGE', `${flag} must be one of ${allowed.join(', ')}; got "${value}"`, {
    fix: `use ${flag} ${allowed[0]}`,
  });
}
