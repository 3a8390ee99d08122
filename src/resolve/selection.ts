/**
 * Component selection: which components of a stack one run deploys.
 *
 * Rules, applied in this order (later wins):
 * 1. A component is in unless its spec says `enabled: false`.
 * 2. The environment's `enable` turns components on, its `disable` turns them off.
 * 3. `--enable a,b` turns components on (e.g. disabled-by-default ones, or ones the
 *    environment disabled); `--only X` implies `--enable X`; `--disable c` turns c off.
 *    Naming one component in both `--disable` and `--enable`/`--only` is an E_USAGE error.
 * 4. Sub-components: `panda.jedi` in a disable list disables sub-component jedi of panda
 *    (Helm: inline value `jedi.enabled=false`; native: the workload is dropped); in an
 *    enable list it undoes an earlier disable (e.g. the environment's). Helm sub-components
 *    must be declared in `helm.subcomponents`; native ones are the workload names.
 *    Disabling a sub-component keeps the component itself.
 * 5. Without `--only`, every component that is on is selected. A need on a component that
 *    is off is dropped from `needs` and listed in `skippedNeeds` (PanDA's sphenix
 *    experiment deploys without iam: `-e sphenix -d iam`).
 * 6. `--only X` restricts the run to X. With `withNeeds` (default) everything X needs,
 *    transitively, comes along, still subject to rules 1-3: a need that the stack or the
 *    environment switched off is skipped as in rule 5 (the environment defines the system),
 *    but a need removed by `--disable` on the same command line is an E_SELECTION error.
 *    With `withNeeds: false` (`--skip-needs`) only X is selected and its needs outside the
 *    selection go to `skippedNeeds`. PanDA's `bin/install -c msgsvc` is
 *    `--only msgsvc --skip-needs`.
 */
import { ConvoyError, type SourcePosition } from '../errors.ts';
import { didYouMean, listNames } from '../plan/suggest.ts';
import type { ComponentSpec } from '../stack/schema.ts';
import type { ResolveOptions } from './types.ts';

/** The outcome of selection. */
export interface Selection {
  /** Selected component names, sorted. */
  selected: string[];
  /** Disabled sub-components of selected components (sorted lists; absent means none). */
  disabledSubcomponents: Map<string, string[]>;
}

/** Where a list of selectors came from, for messages and positions. */
interface SelectorSource {
  /** `--enable`, `--only`, `--disable`, or `environment "lsst" disable`. */
  label: string;
  /** Position of the list for environment lists; undefined for flags. */
  position?: SourcePosition;
}

/** What switched a component off: `enabled: false`, the environment, or `--disable`. */
type OffReason = 'stack' | 'environment' | 'flag';

interface Selector {
  component: string;
  sub: string | undefined;
  source: SelectorSource;
}

/** Environment enable/disable lists and their positions. */
export interface EnvironmentLists {
  name: string;
  enable: readonly string[];
  disable: readonly string[];
  enablePosition: SourcePosition;
  disablePosition: SourcePosition;
}

/** Sub-components a component declares (Helm `subcomponents`, native workload names). */
export function subcomponentsOf(spec: ComponentSpec): string[] {
  if (spec.helm) return [...(spec.helm.subcomponents ?? [])].sort();
  if (spec.native) return Object.keys(spec.native.workloads).sort();
  return [];
}

/** Splits `a,b` entries (flags may pass them unsplit) and trims blanks. */
function splitList(list: readonly string[] | undefined): string[] {
  return (list ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Applies the selection rules above to the (environment-overlaid) components.
 *
 * @throws ConvoyError `E_SELECTION` for names that are no component or sub-component
 *   (with "did you mean"), and for a `--disable` that removes a need of `--only` with needs;
 *   `E_USAGE` for contradictory flags or a sub-component in `--only`.
 */
export function selectComponents(
  specs: ReadonlyMap<string, ComponentSpec>,
  env: EnvironmentLists | undefined,
  options: ResolveOptions,
): Selection {
  const parse = (list: readonly string[] | undefined, source: SelectorSource) =>
    splitList(list).map((s) => parseSelector(s, source, specs));
  const envEnable = env
    ? parse(env.enable, { label: `environment "${env.name}" enable`, position: env.enablePosition })
    : [];
  const envDisable = env
    ? parse(env.disable, { label: `environment "${env.name}" disable`, position: env.disablePosition })
    : [];
  const cliEnable = parse(options.enable, { label: '--enable' });
  const cliOnly = parse(options.only, { label: '--only' });
  const cliDisable = parse(options.disable, { label: '--disable' });
  checkFlags(cliEnable, cliOnly, cliDisable);

  const on = new Set<string>();
  const whyOff = new Map<string, OffReason>();
  for (const [name, spec] of specs) {
    if (spec.enabled) on.add(name);
    else whyOff.set(name, 'stack');
  }
  const subsOff = new Map<string, Set<string>>();
  const apply = (list: Selector[], turnOn: boolean, why: OffReason) => {
    for (const s of list) {
      if (s.sub !== undefined) {
        const set = subsOff.get(s.component) ?? new Set<string>();
        if (turnOn) set.delete(s.sub);
        else set.add(s.sub);
        subsOff.set(s.component, set);
      } else if (turnOn) {
        on.add(s.component);
        whyOff.delete(s.component);
      } else {
        on.delete(s.component);
        whyOff.set(s.component, why);
      }
    }
  };
  apply(envEnable, true, 'environment');
  apply(envDisable, false, 'environment');
  apply([...cliEnable, ...cliOnly], true, 'flag');
  apply(cliDisable, false, 'flag');

  const roots = cliOnly.map((s) => s.component);
  let selected: Set<string>;
  if (roots.length === 0) selected = on;
  else if (options.withNeeds === false) selected = new Set(roots);
  else selected = withNeeds(specs, roots, on, whyOff);

  const disabledSubcomponents = new Map<string, string[]>();
  for (const [name, subs] of subsOff) {
    if (selected.has(name) && subs.size > 0) disabledSubcomponents.set(name, [...subs].sort());
  }
  return { selected: [...selected].sort(), disabledSubcomponents };
}

function withNeeds(
  specs: ReadonlyMap<string, ComponentSpec>,
  roots: readonly string[],
  on: ReadonlySet<string>,
  whyOff: ReadonlyMap<string, OffReason>,
): Set<string> {
  const selected = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const name = todo.pop() as string;
    if (selected.has(name)) continue;
    selected.add(name);
    for (const need of specs.get(name)?.needs ?? []) {
      if (on.has(need)) {
        todo.push(need);
        continue;
      }
      if (whyOff.get(need) !== 'flag') continue;
      throw new ConvoyError('E_SELECTION', `${name} needs ${need}, which --disable removed`, {
        expected: `the needs of --only ${roots.join(',')} to be deployed with it (--with-needs is the default)`,
        fix: `Add --skip-needs to deploy without the needs, or drop ${need} from --disable.`,
      });
    }
  }
  return selected;
}

function parseSelector(text: string, source: SelectorSource, specs: ReadonlyMap<string, ComponentSpec>): Selector {
  const [component = '', sub, ...extra] = text.split('.');
  const spec = specs.get(component);
  if (spec === undefined || extra.length > 0) {
    throw new ConvoyError('E_SELECTION', `${source.label}: "${text}" names no component of the stack`, {
      position: source.position,
      expected: `a component (${listNames(specs.keys())}) or component.subcomponent`,
      fix: `${didYouMean(component, specs.keys())}Name a component from spec.components.`,
    });
  }
  if (sub === undefined) return { component, sub, source };
  const subs = subcomponentsOf(spec);
  if (!subs.includes(sub)) {
    throw new ConvoyError('E_SELECTION', `${source.label}: component "${component}" has no sub-component "${sub}"`, {
      position: source.position,
      expected: `one of its sub-components: ${listNames(subs)}`,
      fix: `${didYouMean(sub, subs)}Helm components declare sub-components in helm.subcomponents; native ones are workload names.`,
    });
  }
  return { component, sub, source };
}

function checkFlags(enable: Selector[], only: Selector[], disable: Selector[]): void {
  const sub = only.find((s) => s.sub !== undefined);
  if (sub) {
    throw new ConvoyError('E_USAGE', `--only takes components, not sub-components ("${sub.component}.${sub.sub}")`, {
      expected: 'component names',
      fix: `Write --only ${sub.component} and --disable for the sub-components to leave out.`,
    });
  }
  const key = (s: Selector) => (s.sub === undefined ? s.component : `${s.component}.${s.sub}`);
  const disabled = new Set(disable.map(key));
  for (const s of [...enable, ...only]) {
    if (!disabled.has(key(s))) continue;
    throw new ConvoyError('E_USAGE', `"${key(s)}" is in both ${s.source.label} and --disable`, {
      expected: 'each component in at most one of --enable/--only and --disable',
      fix: `Remove "${key(s)}" from one of them.`,
    });
  }
}
