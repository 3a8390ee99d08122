/**
 * A PanDA-shaped stack (seed 004): msgsvc and iam first, then panda, then harvester,
 * idds and bigmon; experiments lsst (replicas overlay) and sphenix (without iam).
 */
import type { LoadedStack } from '../../../src/stack/types.ts';
import { stackSpec, tempTree } from './stack.ts';

export const PANDA_SPEC = `namespace: panda
affix: test-
vars: {domain: example.org}
environments:
  lsst:
    namespace: panda-lsst
    values:
      panda: {jedi: {replicas: 2}}
    components:
      idds: {timeout: 10m}
  sphenix:
    disable: [iam]
components:
  msgsvc:
    helm: {chart: ./charts/msgsvc, values: [values.yaml, "values/values-\${environment}.yaml?"]}
  iam:
    helm: {chart: ./charts/iam}
  panda:
    needs: [msgsvc, iam]
    helm: {chart: ./charts/panda, subcomponents: [jedi, server]}
    values:
      jedi: {replicas: 1, image: jedi:1}
      server: {url: "https://\${component.panda.host}", broker: "\${component.msgsvc.host}:61613"}
  harvester:
    needs: [panda, msgsvc, iam]
    helm: {chart: ./charts/harvester}
  idds:
    needs: [panda, msgsvc, iam]
    native:
      workloads:
        rest: {image: "idds:1", ports: [8443], env: {DOMAIN: "\${vars.domain}"}}
        daemon: {image: "idds-daemon:1"}
  bigmon:
    needs: [panda, iam]
    manifests: {files: ["manifests/*.yaml"]}
`;

/** Files the PanDA stack refers to. */
export const PANDA_FILES: Record<string, string> = {
  'charts/msgsvc/Chart.yaml': 'name: msgsvc\n',
  'charts/iam/Chart.yaml': 'name: iam\n',
  'charts/panda/Chart.yaml': 'name: panda\n',
  'charts/harvester/Chart.yaml': 'name: harvester\n',
  'values.yaml': '{}\n',
  'values/values-lsst.yaml': '{}\n',
  'manifests/b.yaml': '{}\n',
  'manifests/a.yaml': '{}\n',
};

/** The PanDA stack in a fresh temporary directory with its files. */
export function pandaStack(spec = PANDA_SPEC, files = PANDA_FILES): LoadedStack {
  return stackSpec(spec, tempTree(files), 'panda');
}
