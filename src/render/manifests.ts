/**
 * Plain-manifest components: multi-document YAML files, read as they are.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { ConvoyError } from '../errors.ts';
import { annotateObject } from '../objects/annotate.ts';
import type { KubeObject } from '../objects/types.ts';
import type { ResolvedComponent, ResolvedSource } from '../resolve/types.ts';
import type { SourceRenderer } from './context.ts';
import { parseDocuments, toObjects } from './parse.ts';

function manifestsSource(component: ResolvedComponent): Extract<ResolvedSource, { kind: 'manifests' }> {
  if (component.source.kind !== 'manifests')
    throw new Error(`component ${component.name} is not a manifests component`);
  return component.source;
}

/**
 * Renders manifest components: each file of `source.absFiles` in order; empty documents are
 * skipped and `List` kinds expanded. Origin: the file relative to the stack directory.
 *
 * @throws ConvoyError `E_RENDER` for YAML errors and non-objects, at `file:line:column`
 *   (file relative to the working directory); `E_FILE` for a file that cannot be read.
 */
export const manifestsRenderer: SourceRenderer = {
  async keyInputs(component, ctx) {
    const source = manifestsSource(component);
    const files = await Promise.all(
      source.absFiles.map(async (f) => ({ path: ctx.rel(f), sha256: await ctx.fileHash(f).catch(() => 'unreadable') })),
    );
    return { cacheable: !files.some((f) => f.sha256 === 'unreadable'), inputs: { files } };
  },

  async render(component, ctx) {
    const source = manifestsSource(component);
    const out: KubeObject[] = [];
    for (const file of source.absFiles) {
      const origin = ctx.rel(file);
      const text = await readFile(file, 'utf8').catch((cause: unknown) => {
        throw new ConvoyError('E_FILE', `component "${component.name}": cannot read manifest ${origin}`, {
          position: component.position,
          fix: 'check the path in manifests.files',
          cause,
        });
      });
      const what = `component "${component.name}" (manifest ${origin})`;
      const docs = parseDocuments(text, relative(process.cwd(), file) || file, what);
      for (const { object } of toObjects(docs, what)) {
        out.push(annotateObject(object, { component: component.name, origin }));
      }
    }
    return out;
  },
};
