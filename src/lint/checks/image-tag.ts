/**
 * CV004 — images that are not pinned: no tag, or the tag `latest`, and no digest. The same
 * stack would deploy different software on different days (Kubernetes: "Images — image
 * names"; `latest` also turns imagePullPolicy to Always).
 */
import type { LintCheck } from '../types.ts';
import { allContainers, podObject } from './util.ts';

/** The tag of an image reference (after the last `/`), undefined without one; digests count as pinned. */
export function imageTagOf(image: string): { tag?: string; digest: boolean } {
  if (image.includes('@')) return { digest: true };
  const last = image.slice(image.lastIndexOf('/') + 1);
  const i = last.indexOf(':');
  return i < 0 ? { digest: false } : { tag: last.slice(i + 1), digest: false };
}

export const imageTag: LintCheck = {
  id: 'CV004',
  severity: 'error',
  title: 'image not pinned (latest or no tag)',
  run: ({ pods }) =>
    pods.flatMap((p) =>
      allContainers(p).flatMap((c) => {
        const image = String(c.image ?? '');
        const { tag, digest } = imageTagOf(image);
        if (digest || (tag !== undefined && tag !== 'latest')) return [];
        return [
          {
            object: podObject(p),
            component: p.component,
            message: `image "${image}" is not pinned`,
            fix: `use a version tag or a digest, e.g. "${image.replace(/:latest$/, '')}:1.2.3"`,
          },
        ];
      }),
    ),
};
