import { expect } from 'chai';
import { clientKey, TokenBuckets, type TakeResult } from '../../src/server/rate-limit.js';

/** A clock the test moves by hand (milliseconds). */
function manualClock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

function takeMany(buckets: TokenBuckets, key: string, count: number): TakeResult[] {
  return Array.from({ length: count }, () => buckets.take(key));
}

describe('Rate limit: token buckets', () => {
  // [name, capacity, refill per second, steps: [advance ms before the take, expected allowed, expected retryAfterSeconds?]]
  type Step = [number, boolean, number?];
  const cases: Array<[string, number, number, Step[]]> = [
    [
      'allows the burst, then refuses',
      3,
      1,
      [
        [0, true],
        [0, true],
        [0, true],
        [0, false, 1],
        [0, false, 1],
      ],
    ],
    [
      'refills one token per 1/rate seconds',
      2,
      0.5,
      [
        [0, true],
        [0, true],
        [0, false, 2],
        [1000, false, 1],
        [1000, true],
        [0, false, 2],
      ],
    ],
    [
      'never refills above capacity',
      2,
      10,
      [
        [0, true],
        [60_000, true],
        [0, true],
        [0, false, 1],
      ],
    ],
    [
      'counts partial refills',
      1,
      4,
      [
        [0, true],
        [100, false, 1],
        [150, true],
      ],
    ],
    [
      'a clock that steps back adds nothing',
      1,
      1,
      [
        [0, true],
        [-5_000, false, 1],
        [0, false, 1],
      ],
    ],
    [
      'Retry-After rounds up to whole seconds, at least 1',
      1,
      0.1,
      [
        [0, true],
        [0, false, 10],
        [9_500, false, 1],
      ],
    ],
  ];
  for (const [name, capacity, refillPerSecond, steps] of cases) {
    it(name, () => {
      const clock = manualClock();
      const buckets = new TokenBuckets({ capacity, refillPerSecond, now: clock.now });
      steps.forEach(([advance, allowed, retryAfter], index) => {
        clock.advance(advance);
        const result = buckets.take('k');
        expect(result.allowed, `step ${index}`).to.equal(allowed);
        if (!result.allowed && retryAfter !== undefined) expect(result.retryAfterSeconds, `step ${index}`).to.equal(retryAfter);
      });
    });
  }

  it('keeps keys apart: one key empty does not touch another', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1, now: manualClock().now });
    takeMany(buckets, 'flooder', 10);
    expect(takeMany(buckets, 'other', 2).every((result) => result.allowed)).to.equal(true);
  });

  it('marks only the first refusal of a flood, and again once the bucket was full', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1, now: clock.now });
    const firsts = (results: TakeResult[]) => results.map((result) => (result.allowed ? 'ok' : result.firstRefusal ? 'first' : 'again'));
    expect(firsts(takeMany(buckets, 'k', 5))).to.deep.equal(['ok', 'ok', 'first', 'again', 'again']);
    // One token back is not a full bucket: still the same flood.
    clock.advance(1_000);
    expect(firsts(takeMany(buckets, 'k', 2))).to.deep.equal(['ok', 'again']);
    // Full again (2 s at 1/s): a new flood is told again.
    clock.advance(2_000);
    expect(firsts(takeMany(buckets, 'k', 3))).to.deep.equal(['ok', 'ok', 'first']);
  });

  it('peeks without taking: a request charged only afterwards sees the same bucket', () => {
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 1, now: manualClock().now });
    expect([buckets.peek('k'), buckets.peek('k'), buckets.peek('k')].map((result) => result.allowed)).to.deep.equal([true, true, true]);
    takeMany(buckets, 'k', 2);
    const refused = buckets.peek('k');
    expect(refused.allowed).to.equal(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).to.equal(1);
  });

  it('forgets buckets idle long enough to be full again, so memory does not grow with every client seen', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ capacity: 10, refillPerSecond: 1, now: clock.now });
    for (let index = 0; index < 1_000; index++) buckets.take(`client-${index}`);
    expect(buckets.size).to.equal(1_000);
    clock.advance(9_999);
    buckets.take('late');
    expect(buckets.size).to.equal(1_001);
    clock.advance(1);
    buckets.take('later');
    // The thousand are full again (10 s at 1/s) and forgotten; 'late' and 'later' are recent.
    expect(buckets.size).to.equal(2);
  });

  it('keeps a busy key while forgetting idle ones (least recently used first)', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ capacity: 5, refillPerSecond: 1, now: clock.now });
    buckets.take('busy');
    buckets.take('idle');
    for (let second = 0; second < 10; second++) {
      clock.advance(1_000);
      buckets.take('busy');
    }
    expect(buckets.size).to.equal(1);
  });

  it('never holds more than maxKeys, dropping the least recently used', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 0.001, now: clock.now, maxKeys: 100 });
    for (let index = 0; index < 10_000; index++) buckets.take(`client-${index}`);
    expect(buckets.size).to.equal(100);
    // The most recent keys are still remembered (and still empty).
    expect(buckets.take('client-9999').allowed).to.equal(false);
  });

  const badOptions: Array<[string, { capacity: number; refillPerSecond: number; maxKeys?: number }]> = [
    ['capacity 0', { capacity: 0, refillPerSecond: 1 }],
    ['no refill', { capacity: 1, refillPerSecond: 0 }],
    ['NaN refill', { capacity: 1, refillPerSecond: Number.NaN }],
    ['maxKeys 0', { capacity: 1, refillPerSecond: 1, maxKeys: 0 }],
  ];
  for (const [name, options] of badOptions) {
    it(`refuses ${name}`, () => {
      expect(() => new TokenBuckets({ ...options, now: () => 0 })).to.throw(RangeError);
    });
  }
});

describe('Rate limit: client key', () => {
  // [name, socket address, X-Forwarded-For, trusted proxies, expected key]
  const cases: Array<[string, string | undefined, string | string[] | undefined, number, string]> = [
    ['the socket address without a proxy', '198.51.100.7', undefined, 0, '198.51.100.7'],
    ['ignores X-Forwarded-For unless proxies are trusted', '198.51.100.7', '203.0.113.9', 0, '198.51.100.7'],
    ['takes the entry the trusted proxy added', '10.0.0.2', '203.0.113.9', 1, '203.0.113.9'],
    ['ignores what the client wrote left of it (spoofing)', '10.0.0.2', '1.2.3.4, 5.6.7.8, 203.0.113.9', 1, '203.0.113.9'],
    ['counts back one entry per trusted proxy', '10.0.0.2', '1.2.3.4, 203.0.113.9, 10.0.0.1', 2, '203.0.113.9'],
    ['stops at the leftmost entry when there are fewer than the proxies', '10.0.0.2', '203.0.113.9', 3, '203.0.113.9'],
    ['the socket when a trusted proxy sent no header', '10.0.0.2', undefined, 1, '10.0.0.2'],
    ['drops the port Azure App Service adds', '10.0.0.2', '203.0.113.9:54321', 1, '203.0.113.9'],
    ['reads a repeated header as one list', '10.0.0.2', ['1.2.3.4', '203.0.113.9'], 1, '203.0.113.9'],
    ['an IPv4-mapped IPv6 socket is the IPv4 address', '::ffff:127.0.0.1', undefined, 0, '127.0.0.1'],
    ['an IPv6 address counts as its /64', '2001:db8:abcd:12:1:2:3:4', undefined, 0, '2001:db8:abcd:12::/64'],
    ['another address in the same /64 is the same client', '2001:0db8:abcd:0012::ffff', undefined, 0, '2001:db8:abcd:12::/64'],
    ['a bracketed IPv6 address with a port', '10.0.0.2', '[2001:db8::1]:443', 1, '2001:db8:0:0::/64'],
    ['no address at all', undefined, undefined, 0, 'unknown'],
  ];
  for (const [name, socket, forwarded, proxies, expected] of cases) {
    it(name, () => {
      expect(clientKey(socket, forwarded, proxies)).to.equal(expected);
    });
  }
});
