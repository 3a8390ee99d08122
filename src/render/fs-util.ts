/**
 * Small file helpers for render: content hashes, directory walks, atomic writes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** sha256 hex of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file's text, or undefined when it cannot be read. */
export async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Writes a file atomically: a temporary sibling, then rename. Creates parent directories
 * (mode 0700) and writes the file with mode 0600 (rendered objects may hold secret values).
 */
export async function writeAtomic(file: string, data: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * The files under `dir` (recursively, following symbolic links, skipping `.git` and
 * directories already visited), as sorted relative paths with '/' separators.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (abs: string, rel: string): Promise<void> => {
    const s = await stat(abs);
    const id = `${s.dev}:${s.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    for (const e of await readdir(abs, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const childAbs = join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(childAbs).catch(() => null))?.isDirectory());
      if (isDir) await walk(childAbs, childRel);
      else if (e.isFile() || e.isSymbolicLink()) out.push(childRel);
    }
  };
  await walk(dir, '');
  return out.sort();
}

/**
 * A content fingerprint of a directory tree: sha256 over the sorted relative paths and each
 * file's sha256 as `hashOne` computes it ({@link listFiles}). Renames, additions, deletions and
 * edits change it; mtimes do not.
 */
export async function hashTree(dir: string, hashOne: (relPath: string) => Promise<string>): Promise<string> {
  const files = await listFiles(dir);
  const h = createHash('sha256');
  const hashes = await Promise.all(files.map(hashOne));
  files.forEach((f, i) => h.update(`${f}\0${hashes[i]}\n`));
  return h.digest('hex');
}
