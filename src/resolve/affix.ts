/**
 * Instance naming with an affix, as PanDA's `bin/install --affix` does it: a prefix ends
 * in `-` (`test-` → `test-panda`), a suffix starts with `-` (`-dev` → `panda-dev`).
 */
import { ConvoyError, type SourcePosition } from '../errors.ts';
import { Affix, DNS1123_LABEL } from '../stack/schema.ts';

/**
 * Longest instance name: Helm release names are limited to 53 characters
 * (helm pkg/chartutil/validate_name.go, maxReleaseNameLen), so every instance name is.
 */
export const INSTANCE_NAME_MAX = 53;

/**
 * Checks an affix given with `--affix` (affixes in stack files are checked by the schema).
 *
 * @throws ConvoyError `E_USAGE` when it is neither a prefix ending in `-` nor a suffix
 *   starting with `-`.
 */
export function checkAffix(affix: string): void {
  if (Affix.safeParse(affix).success) return;
  throw new ConvoyError('E_USAGE', `--affix "${affix}" is neither a prefix nor a suffix`, {
    expected: "a prefix ending in '-' (test-) or a suffix starting with '-' (-dev), lowercase letters and digits",
    fix: `Write "${affix.replace(/-+$/, '')}-" for a prefix or "-${affix.replace(/^-+/, '')}" for a suffix.`,
  });
}

/** `test-` + `panda` → `test-panda`; `panda` + `-dev` → `panda-dev`; no affix → `panda`. */
export function applyAffix(name: string, affix: string | undefined): string {
  if (affix === undefined || affix === '') return name;
  return affix.endsWith('-') ? `${affix}${name}` : `${name}${affix}`;
}

/**
 * Checks that an instance (or Helm release) name is a DNS-1123 label of at most
 * {@link INSTANCE_NAME_MAX} characters.
 *
 * @throws ConvoyError `E_NAME` naming the component and the length.
 */
export function checkInstanceName(instance: string, component: string, position: SourcePosition): void {
  if (instance.length <= INSTANCE_NAME_MAX && DNS1123_LABEL.test(instance)) return;
  const tooLong = instance.length > INSTANCE_NAME_MAX;
  throw new ConvoyError(
    'E_NAME',
    tooLong
      ? `instance name "${instance}" of component "${component}" is ${instance.length} characters long`
      : `instance name "${instance}" of component "${component}" is not a DNS-1123 label`,
    {
      position,
      expected: `a DNS-1123 label of at most ${INSTANCE_NAME_MAX} characters (the Helm release name limit)`,
      fix: tooLong ? 'Use a shorter affix or component name.' : "Use lowercase letters, digits and '-' only.",
    },
  );
}
