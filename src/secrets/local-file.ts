/** Files convoy writes locally that may hold secret values (exports, kubeconfigs, CA backups). */
import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** File mode of private files: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes `content` to `path` readable and writable by the owner only (mode 0600), creating the
 * parent directory (mode 0700) when missing. The file is created with mode 0600 (no window
 * where it is world-readable) and chmod-ed when it already existed with other bits.
 */
export async function writePrivateFile(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(path, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  await chmod(path, PRIVATE_FILE_MODE);
}
