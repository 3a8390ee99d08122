/**
 * The `helm template` command line of a Helm component (Helm v4 flags, `helm template --help`).
 */
import type { ResolvedComponent, ResolvedSource } from '../resolve/types.ts';

/** A Helm source after resolution. */
export type ResolvedHelmSource = Extract<ResolvedSource, { kind: 'helm' }>;

/** The release name: `source.releaseName`, else the component's instance name. */
export function releaseName(component: ResolvedComponent, source: ResolvedHelmSource): string {
  return source.releaseName ?? component.instanceName;
}

/** What helm is asked to render: the chart reference (absolute path for local charts). */
export function chartRef(source: ResolvedHelmSource): string {
  return source.chartPath ?? source.chart;
}

/**
 * The arguments of `helm template`:
 * `template <release> <chart> --namespace <ns> [--repo URL] [--version V] [--include-crds]
 * [-f file]... [-f -] [--set-json k=v]... [--kube-version V] [--api-versions V]...`.
 * Inline values go through stdin (`-f -`, read by Helm as a values file) so they are
 * never written to disk or shown in a process list; `-f -` is present only when there are
 * inline values. Hooks are kept (no `--no-hooks`).
 */
export function helmTemplateArgs(component: ResolvedComponent, source: ResolvedHelmSource): string[] {
  const args = ['template', releaseName(component, source), chartRef(source), '--namespace', component.namespace];
  if (source.repo) args.push('--repo', source.repo);
  if (source.version) args.push('--version', source.version);
  if (source.includeCrds) args.push('--include-crds');
  for (const f of source.valuesFiles) args.push('-f', f);
  if (Object.keys(source.inlineValues).length > 0) args.push('-f', '-');
  for (const [k, v] of Object.entries(source.set ?? {})) args.push('--set-json', `${k}=${JSON.stringify(v)}`);
  if (source.kubeVersion) args.push('--kube-version', source.kubeVersion);
  for (const a of source.apiVersions ?? []) args.push('--api-versions', a);
  return args;
}

/**
 * True when a remote chart's version pins one release, so its output can be cached: an
 * exact semantic version (`1.2.3`, `v1.2.3-rc.1`) or an OCI digest (`oci://…@sha256:…`).
 */
export function isPinned(source: ResolvedHelmSource): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(source.chart)) return true;
  return source.version !== undefined && /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(source.version);
}
