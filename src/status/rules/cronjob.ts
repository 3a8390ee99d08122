/**
 * CronJob (batch/v1). As kstatus (`alwaysReady` for `batch/CronJob` in
 * kubernetes-sigs/cli-utils `pkg/kstatus/status/core.go`): a CronJob has nothing to roll out;
 * it is Current once it exists. The Jobs it creates are separate objects with their own status.
 */

import { field } from '../fields.ts';
import { current } from '../result.ts';
import type { StatusRule } from '../types.ts';

/** Current: `CronJob is scheduled`, or `CronJob is suspended` with `spec.suspend: true`. */
export const cronJobStatus: StatusRule = (obj) =>
  current(field(obj, 'spec.suspend') === true ? 'CronJob is suspended' : 'CronJob is scheduled');
