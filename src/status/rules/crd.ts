/**
 * CustomResourceDefinition (apiextensions.k8s.io/v1). Ported from kstatus `crdConditions`
 * (kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`); kapp
 * `pkg/kapp/resourcesmisc/api_extensions_vx_crd.go` waits the same way.
 *
 * Kubernetes semantics (CustomResourceDefinitionStatus): `NamesAccepted=False` means the
 * plural/kind names conflict with another CRD (reason `MultipleNamesNotAllowed` or
 * similar): only a spec change fixes it. `Established=True` means the API server serves the
 * new resource; before that custom resources of the kind cannot be created, which is why
 * the plan waits for it between the CRD and CR phases.
 */

import { conditionsOf } from '../fields.ts';
import { current, failed, inProgress } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * `NamesAccepted=False` → Failed, stalled; `Established=False` with a reason other than
 * `Installing` → Failed (not stalled); `Established=True` → Current; otherwise InProgress
 * (`Installing`).
 */
export const crdStatus: StatusRule = (obj) => {
  for (const c of conditionsOf(obj)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') {
      return failed(c.reason ?? 'NamesNotAccepted', c.message ?? 'CRD names not accepted', true);
    }
    if (c.type === 'Established') {
      if (c.status === 'True') return current('CRD is Established');
      if (c.status === 'False' && c.reason !== undefined && c.reason !== 'Installing') {
        return failed(c.reason, c.message ?? 'CRD not Established', false);
      }
    }
  }
  return inProgress('Installing', 'CRD not Established yet');
};
