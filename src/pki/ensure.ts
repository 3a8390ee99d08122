/** The CA of a `pki` entry for this run: the kept one, an external one, or a new one. */
import type { PkiConfig } from '../stack/schema-secrets.ts';
import { createCa } from './ca.ts';
import { caFromSecretData, caSecretData } from './ca-secret.ts';
import { loadExternalCa } from './external.ts';
import type { CaMaterial } from './types.ts';

/** Options of {@link ensureCa}. */
export interface EnsureCaOptions {
  /** Directory of the stack file (external CA paths are relative to it). */
  baseDir: string;
  /** Data of the live CA Secret (`<name>-ca`), decoded; undefined when it does not exist. */
  live?: Record<string, Buffer>;
  /** Issue time for a new CA. Default: now. */
  now?: Date;
}

/** The CA and the data of its Secret (`<name>-ca`) to apply, and how it was obtained. */
export interface EnsuredCa {
  ca: CaMaterial;
  data: Record<string, Buffer>;
  /** `external`: from files; `kept`: read from the live Secret; `created`: generated now. */
  source: 'external' | 'kept' | 'created';
}

/**
 * The CA of `pki` entry `name`: from files when `spec.external` is set; else the live CA
 * Secret when there is one (the cluster copy is the source of truth, so every apply signs with
 * the same CA); else a new CA ({@link createCa}).
 *
 * @throws ConvoyError `E_FILE` for unreadable external files, `E_KUBE` for a damaged live Secret.
 */
export async function ensureCa(name: string, spec: PkiConfig, options: EnsureCaOptions): Promise<EnsuredCa> {
  if (spec.external) {
    const ca = await loadExternalCa(name, spec.external, options.baseDir);
    return { ca, data: await caSecretData(ca), source: 'external' };
  }
  if (options.live !== undefined) {
    return { ca: await caFromSecretData(name, options.live), data: options.live, source: 'kept' };
  }
  const ca = await createCa(name, spec, options.now === undefined ? {} : { now: options.now });
  return { ca, data: await caSecretData(ca), source: 'created' };
}
