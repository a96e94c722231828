/**
 * Token buckets by key (a client address, a conversation), for rate limiting. Pure: no HTTP,
 * no botbuilder, the clock is injected, so every case is testable without sleeping.
 *
 * Why our own and not `restify.plugins.throttle` (evaluated, restify 11.1): its 429 carries
 * no Retry-After and a body of `{code, message}` rather than our `{error, reason}`; its `xff`
 * mode keys on the whole X-Forwarded-For header as the client sent it (spoofable: a flooder
 * writes a new value per request and gets a fresh bucket; without the header nothing is
 * limited at all) and keeps Azure App Service's `ip:port` form; it reads `Date.now()` with no
 * clock to inject; and it has no way to give back a request that turned out to be
 * authenticated platform traffic (see client-rate-limit.ts).
 *
 * A bucket holds `capacity` tokens and refills at `refillPerSecond`; a request takes one.
 * Memory is bounded two ways: a bucket left alone long enough to be full again is the same
 * as no bucket, so those are dropped (oldest first, as each call passes); and the map never
 * holds more than `maxKeys` (under a flood from very many addresses the least recently seen
 * is dropped, which at worst hands that key a fresh bucket).
 */

export interface TokenBucketOptions {
  /** The burst: how many requests a key may make at once after being idle. */
  capacity: number;
  /** The sustained rate. */
  refillPerSecond: number;
  /** Milliseconds from any fixed origin; monotonic in production (`performance.now`). */
  now: () => number;
  /** The most keys remembered at once. */
  maxKeys?: number;
}

export type TakeResult =
  | { allowed: true; remaining: number }
  | {
      allowed: false;
      /** Whole seconds until the next token, at least 1: the Retry-After value. */
      retryAfterSeconds: number;
      /** True for the first refusal since this key's bucket was last full: tell the person once. */
      firstRefusal: boolean;
    };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  /** Refused since the bucket was last full. */
  refused: boolean;
}

export const DEFAULT_MAX_KEYS = 100_000;

export class TokenBuckets {
  /** In order of last use, least recent first (a key is moved to the end on every take). */
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly refillPerMs: number;
  /** After this long untouched, any bucket is full again and can be forgotten. */
  private readonly idleMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor({ capacity, refillPerSecond, now, maxKeys = DEFAULT_MAX_KEYS }: TokenBucketOptions) {
    if (!(capacity >= 1) || !(refillPerSecond > 0) || !(maxKeys >= 1)) {
      throw new RangeError('TokenBuckets needs capacity >= 1, refillPerSecond > 0 and maxKeys >= 1');
    }
    this.capacity = capacity;
    this.refillPerMs = refillPerSecond / 1000;
    this.idleMs = capacity / this.refillPerMs;
    this.maxKeys = maxKeys;
    this.now = now;
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): TakeResult {
    return this.admit(key, true);
  }

  /** Whether `key` has a token, without taking it: for requests charged only afterwards. */
  peek(key: string): TakeResult {
    return this.admit(key, false);
  }

  private admit(key: string, charge: boolean): TakeResult {
    const now = this.now();
    this.forgetIdle(now);
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      this.refill(bucket, now);
    } else {
      bucket = { tokens: this.capacity, at: now, refused: false };
    }
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);

    if (bucket.tokens >= 1) {
      if (charge) bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const firstRefusal = !bucket.refused;
    bucket.refused = true;
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000));
    return { allowed: false, retryAfterSeconds, firstRefusal };
  }

  /** How many keys are remembered (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(bucket: Bucket, now: number): void {
    // A clock that steps back adds nothing rather than taking tokens away.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerMs);
    bucket.at = now;
    if (bucket.tokens >= this.capacity) bucket.refused = false;
  }

  /** Drops buckets untouched for `idleMs` (full again); they are at the front of the map. */
  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at < this.idleMs) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * The client a request comes from, as a rate-limit key.
 *
 * `trustedProxies` is how many proxies in front of the server add themselves to
 * X-Forwarded-For (TRUST_PROXY: `true` is one, Azure App Service's front end). Each proxy
 * appends the address it saw, so the client is the entry that many places from the right;
 * anything further left was written by the client and could be anything. With 0 the header is
 * ignored (the default: without a proxy anyone could send it).
 *
 * Addresses are normalised so one client is one key: Azure's `ip:port` loses its port,
 * `::ffff:a.b.c.d` is the IPv4 address, and an IPv6 address counts as its /64 (one
 * subscriber's network: otherwise a client could take a new address, and a new bucket, per
 * request).
 */
export function clientKey(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const chain: string[] = [];
  if (trustedProxies > 0 && forwardedFor !== undefined) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    for (const entry of header.split(',')) {
      const trimmed = entry.trim();
      if (trimmed !== '') chain.push(trimmed);
    }
  }
  chain.push(remoteAddress ?? '');
  // The socket is the last hop; step left once per trusted proxy, stopping at the leftmost.
  const client = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? '';
  return normaliseAddress(client) || 'unknown';
}

function normaliseAddress(raw: string): string {
  let address = raw.trim().toLowerCase();
  // [v6]:port or [v6]
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  // a.b.c.d:port
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (ipv4WithPort) address = ipv4WithPort[1]!;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (address.includes(':')) return ipv6Prefix64(address) ?? address;
  return address;
}

/** The first four groups of an IPv6 address, e.g. `2001:db8:0:1::/64`; undefined if malformed. */
function ipv6Prefix64(address: string): string | undefined {
  const withoutZone = address.split('%')[0]!;
  const halves = withoutZone.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.length !== 8 || !groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
