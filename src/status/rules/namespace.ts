/**
 * Namespace (v1). kstatus has no Namespace rule (its generic path calls it Current); convoy
 * reads the phase, so a namespace left over from a previous destroy is reported as such.
 *
 * Kubernetes semantics (v1 NamespaceStatus, kubernetes.io/docs/concepts/overview/working-with-objects/namespaces):
 * `phase` is Active or Terminating. While Terminating the namespace controller sets
 * conditions such as `NamespaceContentRemaining` and `NamespaceFinalizersRemaining` (True)
 * that say what deletion waits for; no object can be created in it meanwhile.
 */

import { conditionsOf, stringField } from '../fields.ts';
import { current } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * Terminating → Terminating, with the messages of the True `Namespace…Remaining` /
 * `Namespace…Failure` conditions; Active → Current. No phase → no opinion (the generic rules
 * decide; the API server sets Active on create, so only objects not read from a cluster lack it).
 */
export const namespaceStatus: StatusRule = (obj) => {
  const phase = stringField(obj, 'status.phase');
  if (phase === 'Active') return current('Namespace is Active');
  if (phase === 'Terminating') {
    const details = conditionsOf(obj)
      .filter((c) => c.status === 'True' && c.type.startsWith('Namespace') && c.message !== undefined)
      .map((c) => c.message);
    const message = details.length > 0 ? `Namespace is Terminating: ${details.join('; ')}` : 'Namespace is Terminating';
    return { status: 'Terminating', message, reason: 'Terminating' };
  }
  return undefined;
};
