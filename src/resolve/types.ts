import type { SourcePosition } from '../errors.ts';
import type {
  EgressSpec,
  ExposeSpec,
  PodSecurityLevelName,
  HelmSourceSpec,
  KustomizeSourceSpec,
  ManifestsSourceSpec,
  NativeSourceSpec,
  SourceKind,
} from '../stack/schema.ts';

/**
 * Options that pick one concrete deployment out of a stack. Selection rules (order,
 * sub-components, what happens to needs on disabled components) are documented in
 * src/resolve/selection.ts.
 */
export interface ResolveOptions {
  /** Environment name (`-e`); must exist in spec.environments. Default: none. */
  environment?: string;
  /**
   * Components to include even when `enabled: false` or disabled by the environment
   * (`--enable a,b`); `c.sub` undoes an environment's disable of a sub-component.
   */
  enable?: string[];
  /** Components (`c`) or sub-components (`panda.jedi`) to leave out (`--disable`). */
  disable?: string[];
  /**
   * Restrict to these components (`--only X`); with `withNeeds` (default true) their needs too.
   * Implies `enable` for the named components. PanDA's `bin/install -c X` is
   * `only: [X], withNeeds: false`.
   */
  only?: string[];
  /** With `only`: also include everything the selected components need, transitively. Default true. */
  withNeeds?: boolean;
  /** Instance affix override (`--affix test-` or `--affix -dev`). */
  affix?: string;
  /** Environment variables for `${env.X}`. Default: process.env. */
  env?: Record<string, string | undefined>;
}

/** A component's render source after resolution: paths absolute, references expanded. */
export type ResolvedSource =
  | ({ kind: 'helm' } & HelmSourceSpec & {
        /** Absolute values file paths that exist, in order (optional missing ones dropped). */
        valuesFiles: string[];
        /** Inline values after environment overlays and sub-component disables. */
        inlineValues: Record<string, unknown>;
        /** Absolute chart path when the chart is local; undefined for repo/OCI charts. */
        chartPath?: string;
      })
  | ({ kind: 'kustomize' } & KustomizeSourceSpec & { absPath: string })
  | ({ kind: 'manifests' } & ManifestsSourceSpec & { absFiles: string[] })
  | ({ kind: 'native' } & NativeSourceSpec);

export interface ResolvedComponent {
  /** The component's key in the stack. */
  name: string;
  /** The instance name (affix applied): `test-panda`, `panda-dev`. Used as Helm release name by default. */
  instanceName: string;
  namespace: string;
  /** Needs that are part of this selection (sorted). */
  needs: string[];
  /** Needs that were left out by the selection (`--only X --skip-needs`), for information. */
  skippedNeeds: string[];
  /** Disabled sub-components (`--disable panda.jedi` → ['jedi']). */
  disabledSubcomponents: string[];
  sourceKind: SourceKind;
  source: ResolvedSource;
  /** Readiness timeout in seconds (default 300). */
  timeoutSeconds: number;
  /** Where the component is declared. */
  position: SourcePosition;
  /** Declared connections `component[:port[/protocol]]` (see src/netpol/connection.ts). Default none. */
  connects?: string[];
  /** Declared ingress from outside the stack. Default none. */
  exposes?: ExposeSpec[];
  /** Declared egress to address blocks outside the stack. Default none. */
  egress?: EgressSpec[];
  /** Labels selecting the pods of a helm/kustomize/manifests component. */
  podSelector?: Record<string, string>;
  /** true: must run more than one replica; false: deliberately single; undefined: not said. */
  ha?: boolean;
}

/** A stack narrowed to one environment and selection: what render and plan consume. */
export interface ResolvedStack {
  name: string;
  environment: string | undefined;
  /** The default namespace. */
  namespace: string;
  affix: string | undefined;
  /** Absolute directory of the stack file. */
  dir: string;
  file: string;
  /** Selected components sorted by name. */
  components: ResolvedComponent[];
  /** `spec.networkPolicies`. Default none. */
  networkPolicies?: 'generate' | 'none';
  /** `spec.podSecurity`: enforced level of created namespaces. Default restricted. */
  podSecurity?: { level: PodSecurityLevelName; namespaces?: Record<string, PodSecurityLevelName> };
  /** `spec.external`: Secrets and ConfigMaps that exist outside the stack. */
  external?: { secrets: string[]; configMaps: string[] };
}
