/** Validity windows of certificates from stack durations. */

/**
 * notBefore/notAfter for a certificate issued at `now` for `validitySeconds`, both truncated
 * to whole seconds (X.509 times carry seconds). When `notAfterLimit` is given (the signer's
 * own notAfter), notAfter is clamped to it: a certificate never outlives its issuer.
 */
export function validityWindow(
  now: Date,
  validitySeconds: number,
  notAfterLimit?: Date,
): { notBefore: Date; notAfter: Date } {
  const start = Math.floor(now.getTime() / 1000) * 1000;
  let end = start + Math.round(validitySeconds) * 1000;
  if (notAfterLimit !== undefined) end = Math.min(end, notAfterLimit.getTime());
  return { notBefore: new Date(start), notAfter: new Date(end) };
}
