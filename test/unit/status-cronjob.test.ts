import { runStatusCases } from '../fixtures/status/table.ts';
import type { StatusCase } from '../fixtures/status/table.ts';

const cases: StatusCase[] = [
  {
    name: 'Current once it exists',
    yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, generation: 1}
spec: {schedule: "0 * * * *"}
`,
    want: { status: 'Current', message: 'CronJob is scheduled' },
  },
  {
    name: 'suspended is Current too',
    yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, generation: 1}
spec: {schedule: "0 * * * *", suspend: true}
status: {lastScheduleTime: "2025-01-01T00:00:00Z"}
`,
    want: { status: 'Current', message: 'CronJob is suspended' },
  },
];

runStatusCases('status: CronJob', cases);
