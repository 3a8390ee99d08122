import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'not started',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {completions: 1}
`,
    want: { status: 'InProgress', reason: 'JobNotStarted', message: 'Job not started' },
  },
  {
    name: 'running: waits for completion (unlike kstatus)',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {completions: 1, backoffLimit: 6}
status: {startTime: "2025-01-01T00:00:00Z", active: 1}
`,
    want: { status: 'InProgress', reason: 'JobRunning', message: 'Succeeded: 0/1, active: 1, failed: 0' },
  },
  {
    name: 'running after a failed attempt, retries left',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {completions: 1, backoffLimit: 6}
status: {startTime: "2025-01-01T00:00:00Z", active: 1, failed: 2}
`,
    want: { status: 'InProgress', message: 'Succeeded: 0/1, active: 1, failed: 2' },
  },
  {
    name: 'work queue job without completions',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: crawl}
spec: {parallelism: 3}
status: {startTime: "2025-01-01T00:00:00Z", active: 1, succeeded: 2}
`,
    want: { status: 'InProgress', message: 'Succeeded: 2, active: 1, failed: 0' },
  },
  {
    name: 'complete',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {completions: 1}
status:
  startTime: "2025-01-01T00:00:00Z"
  completionTime: "2025-01-01T00:01:00Z"
  succeeded: 1
  conditions:
    - {type: SuccessCriteriaMet, status: "True"}
    - {type: Complete, status: "True"}
`,
    want: { status: 'Current', message: 'Succeeded: 1/1' },
  },
  {
    name: 'BackoffLimitExceeded is Failed and stalled',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {completions: 1, backoffLimit: 6}
status:
  startTime: "2025-01-01T00:00:00Z"
  failed: 7
  conditions:
    - {type: Failed, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}
`,
    want: {
      status: 'Failed',
      reason: 'BackoffLimitExceeded',
      stalled: true,
      message: 'Job has reached the specified backoff limit (failed: 7)',
    },
  },
  {
    name: 'DeadlineExceeded is Failed and stalled',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {activeDeadlineSeconds: 60}
status:
  startTime: "2025-01-01T00:00:00Z"
  failed: 1
  conditions:
    - {type: Failed, status: "True", reason: DeadlineExceeded, message: Job was active longer than specified deadline}
`,
    want: {
      status: 'Failed',
      reason: 'DeadlineExceeded',
      stalled: true,
      message: 'Job was active longer than specified deadline (failed: 1)',
    },
  },
  {
    name: 'FailureTarget (Kubernetes 1.31+) fails fast before the Failed condition',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
status:
  startTime: "2025-01-01T00:00:00Z"
  active: 1
  failed: 7
  conditions:
    - {type: FailureTarget, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}
`,
    want: { status: 'Failed', reason: 'BackoffLimitExceeded', stalled: true },
  },
  {
    name: 'suspended by condition is Current',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {suspend: true}
status:
  conditions:
    - {type: Suspended, status: "True", reason: JobSuspended, message: Job suspended}
`,
    want: { status: 'Current', message: 'Job is suspended' },
  },
  {
    name: 'suspended in spec before the controller reacted',
    yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec: {suspend: true}
`,
    want: { status: 'Current', message: 'Job is suspended' },
  },
];

runStatusCases('status: Job', cases);
