/**
 * Where an unknown field belongs: in a nested object that has exactly that field
 * (`"chart" belongs under "helm"`), else the nearest spelling among the allowed keys
 * ("did you mean"), else nowhere.
 */
import { closest } from '../plan/suggest.ts';
import { defOf, objectKeys, unwrap, type AnySchema } from './schema-walk.ts';

/**
 * The fix for an unknown `key` in an object of `schema`: where it belongs when a nested
 * object has exactly that field (`"chart" belongs under "helm"`), else the nearest
 * spelling among `keys`, else remove it.
 */
export function fieldFix(schema: AnySchema | undefined, key: string, keys: readonly string[]): string {
  const deeper = schema && findNested(schema, key, 3);
  if (deeper) return `"${key}" belongs under "${deeper}": move it there.`;
  const near = closest(key, keys);
  if (near) return `did you mean "${near}"?`;
  return `Remove "${key}"; see the expected fields.`;
}

/** The shallowest path (`helm`, `native.workloads.<name>`) below `schema` whose object has `key`. */
function findNested(schema: AnySchema, key: string, depth: number): string | undefined {
  let frontier: { schema: AnySchema; path: string }[] = [{ schema, path: '' }];
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: { schema: AnySchema; path: string }[] = [];
    for (const node of frontier) next.push(...childrenOf(node.schema, node.path));
    const hit = next.find((n) => (objectKeys(n.schema) ?? []).includes(key));
    if (hit) return hit.path;
    frontier = next;
  }
  return undefined;
}

/** The child schemas of an object (by key), record (`<name>`) or union (each branch, same path). */
function childrenOf(schema: AnySchema, path: string): { schema: AnySchema; path: string }[] {
  const d = defOf(unwrap(schema));
  const join = (name: string) => (path ? `${path}.${name}` : name);
  if (d.type === 'object') return Object.entries(d.shape ?? {}).map(([k, s]) => ({ schema: s, path: join(k) }));
  if (d.type === 'record' && d.valueType) return [{ schema: d.valueType, path: join('<name>') }];
  if (d.type === 'union') return (d.options ?? []).flatMap((o) => childrenOf(o, path));
  return [];
}
