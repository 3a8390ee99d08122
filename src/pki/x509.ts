/**
 * The one import of `@peculiar/x509` in convoy. The library needs a Reflect polyfill loaded
 * before it (its tsyringe dependency checks at load time; see its README "Reflect Polyfill
 * Required"), and its crypto provider set to Node's WebCrypto. Import `x509` and `crypto`
 * from here, never from '@peculiar/x509' directly (type-only imports are fine).
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** Node's WebCrypto (`crypto.webcrypto`). */
export const crypto = webcrypto;
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** A WebCrypto key (Node's type; the project has no DOM lib). */
export type Key = webcrypto.CryptoKey;
/** A WebCrypto key pair. */
export type KeyPair = webcrypto.CryptoKeyPair;

export { x509 };
