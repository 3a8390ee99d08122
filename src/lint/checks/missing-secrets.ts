/** CV007 — see ./missing-refs.ts. */
export { missingSecrets } from './missing-refs.ts';
