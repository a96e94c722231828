import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The comparison itself, as an object so a test can watch it is the constant-time one.
 * Both sides are SHA-256 digests first: timingSafeEqual needs equal lengths, and comparing
 * digests leaks neither the token's length nor how much of it matched.
 */
export const tokenComparison = {
  equal: (given: Buffer, expected: Buffer): boolean => timingSafeEqual(given, expected),
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function tokenMatches(given: string, expected: string): boolean {
  return tokenComparison.equal(digest(given), digest(expected));
}

/** `Bearer TOKEN`; with `allowBasic`, also `Basic base64(any-user:TOKEN)` (a browser's own prompt). */
export function isAuthorized(header: string | undefined, token: string, { allowBasic }: { allowBasic: boolean }): boolean {
  if (typeof header !== 'string') return false;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return tokenMatches(bearer[1]!, token);
  const basic = allowBasic ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!basic) return false;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && tokenMatches(decoded.slice(colon + 1), token);
}
