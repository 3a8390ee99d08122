/** Certificate serial numbers. */
import { randomBytes } from 'node:crypto';

/**
 * A random positive serial number as hex: 16 random bytes (128 bits; RFC 5280 §4.1.2.2 allows
 * up to 20 octets, CA/B Forum requires at least 64 bits of randomness) with the high bit
 * cleared so the DER INTEGER stays positive, and the first byte non-zero so it keeps 16 octets.
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}
