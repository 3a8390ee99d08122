/**
 * CIDR membership for NetworkPolicy ipBlock (IPv4 dotted quads and IPv6, including `::`).
 */

function parseV4(ip: string): bigint | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(ip: string): bigint | undefined {
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) return undefined;
  let n = 0n;
  for (const g of [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

function parse(ip: string): { value: bigint; bits: number } | undefined {
  const v4 = parseV4(ip);
  if (v4 !== undefined) return { value: v4, bits: 32 };
  const v6 = ip.includes(':') ? parseV6(ip) : undefined;
  return v6 === undefined ? undefined : { value: v6, bits: 128 };
}

/** True when `ip` lies in `cidr` (same address family); false for malformed input. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, len] = cidr.split('/');
  const a = parse(ip);
  const b = base === undefined ? undefined : parse(base);
  const prefix = Number(len);
  if (!a || !b || a.bits !== b.bits || !Number.isInteger(prefix) || prefix < 0 || prefix > a.bits) return false;
  const shift = BigInt(a.bits - prefix);
  return a.value >> shift === b.value >> shift;
}
