/**
 * Where a Helm chart comes from: a local directory, a chart in a repository, or an OCI
 * reference. The rule (also what `helm template` accepts, `helm/pkg/action/install.go`
 * LocateChart):
 *
 * - `oci://…` → OCI reference.
 * - `repo` set → a chart name in that repository.
 * - starts with `./`, `../` or `/` → local directory.
 * - no `/` at all (e.g. `mychart`) → local directory (without `repo` a bare name cannot
 *   come from a repository).
 * - `a/b` → local when its first segment `a` exists next to the stack file (so
 *   `charts/pnda` is reported as missing), else a chart from a repository added with
 *   `helm repo add a` (e.g. `bitnami/postgresql`), which convoy does not check.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { HelmSourceSpec } from './schema.ts';

/** The kind of chart reference; see the module comment for the rule. */
export type ChartKind = 'local' | 'repo' | 'oci' | 'repo-alias';

/** Classifies `helm.chart` (paths relative to `dir`, the stack file's directory). */
export function chartKind(helm: Pick<HelmSourceSpec, 'chart' | 'repo'>, dir: string): ChartKind {
  const chart = helm.chart;
  if (chart.startsWith('oci://')) return 'oci';
  if (helm.repo !== undefined) return 'repo';
  if (chart.startsWith('./') || chart.startsWith('../') || isAbsolute(chart)) return 'local';
  if (!chart.includes('/')) return 'local';
  const first = chart.split('/')[0] as string;
  return existsSync(resolve(dir, first)) ? 'local' : 'repo-alias';
}

/**
 * The absolute chart directory when the chart is local (see {@link chartKind}), else
 * undefined (repository, alias or OCI charts).
 */
export function localChartPath(helm: Pick<HelmSourceSpec, 'chart' | 'repo'>, dir: string): string | undefined {
  return chartKind(helm, dir) === 'local' ? resolve(dir, helm.chart) : undefined;
}
