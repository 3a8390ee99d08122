/**
 * Job (batch/v1). After kstatus `jobConditions` (kubernetes-sigs/cli-utils
 * `pkg/kstatus/status/core.go`) and kapp `pkg/kapp/resourcesmisc/batch_v1_job.go`.
 *
 * Kubernetes semantics (batch/v1 JobStatus, kubernetes.io/docs/concepts/workloads/controllers/job):
 * the controller adds `Complete=True` when enough pods succeeded and `Failed=True` when the
 * Job will not be retried (reasons `BackoffLimitExceeded`, `DeadlineExceeded` for
 * `activeDeadlineSeconds`, `PodFailurePolicy`, `MaxFailedIndexesExceeded`). Since
 * Kubernetes 1.31 `FailureTarget=True` comes first, while the last pods terminate; the Job is
 * failing from then on. `Suspended=True` (or `spec.suspend`) means no pods run until resumed.
 */

import { conditionsOf, field, findCondition, intField, optionalInt, stringField } from '../fields.ts';
import { current, failed, inProgress } from '../result.ts';
import type { StatusRule } from '../types.ts';

/**
 * In order: `Failed=True` or `FailureTarget=True` → Failed, stalled, with the condition's
 * reason and message; `Complete=True` → Current (`Succeeded: 1/1`); suspended → Current
 * (`Job is suspended`, as kstatus: waiting for it would never end); no `status.startTime` →
 * InProgress (`Job not started`); otherwise InProgress with the counts,
 * `Succeeded: 0/1, active: 1, failed: 0`.
 *
 * Unlike kstatus, which calls a started Job Current, convoy waits for completion (as kapp
 * does): a Job in a stack is a step (a migration, a bootstrap) that later components need done.
 */
export const jobStatus: StatusRule = (obj) => {
  const conditions = conditionsOf(obj);
  const succeeded = intField(obj, 'status.succeeded', 0);
  const active = intField(obj, 'status.active', 0);
  const failedPods = intField(obj, 'status.failed', 0);
  const completions = optionalInt(obj, 'spec.completions');
  const succeededText = completions === undefined ? `${succeeded}` : `${succeeded}/${completions}`;

  for (const type of ['Failed', 'FailureTarget']) {
    const c = findCondition(conditions, type);
    if (c?.status === 'True') {
      const reason = c.reason ?? 'JobFailed';
      return failed(reason, `${c.message ?? 'Job failed'} (failed: ${failedPods})`, true);
    }
  }
  if (findCondition(conditions, 'Complete')?.status === 'True') return current(`Succeeded: ${succeededText}`);
  if (findCondition(conditions, 'Suspended')?.status === 'True' || field(obj, 'spec.suspend') === true) {
    return current('Job is suspended');
  }
  if (stringField(obj, 'status.startTime') === '') return inProgress('JobNotStarted', 'Job not started');
  return inProgress('JobRunning', `Succeeded: ${succeededText}, active: ${active}, failed: ${failedPods}`);
};
