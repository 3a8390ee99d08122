/**
 * Label selector matching (meta/v1 LabelSelector semantics, k8s.io/apimachinery
 * labels.Selector): all matchLabels and all matchExpressions must hold; an empty
 * selector matches every label set.
 */
import type { LabelSelector } from './types.ts';

/** True when `labels` satisfy `selector`. Unknown operators match nothing. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    const values = e.values ?? [];
    const ok =
      e.operator === 'In'
        ? has && values.includes(value as string)
        : e.operator === 'NotIn'
          ? !has || !values.includes(value as string)
          : e.operator === 'Exists'
            ? has
            : e.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}
