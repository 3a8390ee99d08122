/**
 * CV008 — a pod refers to a ConfigMap that is neither in the stack nor external (rules in
 * ./missing-refs.ts).
 */
import type { LintCheck } from '../types.ts';
import { missingRefs } from './missing-refs.ts';

export const missingConfigMaps: LintCheck = {
  id: 'CV008',
  severity: 'error',
  title: 'reference to a ConfigMap that is neither in the stack nor external',
  run: (ctx) => missingRefs(ctx, 'ConfigMap'),
};
