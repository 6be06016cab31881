import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheWriteShare, defaultCostSettings, estimateCallCost, type CallCost } from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { callRecord, near, text } from './records';

// Poisson arrivals at N calls a day: a call writes when the gap since the previous one exceeds the cache lifetime,
// which happens with probability e^(−N/1,440 × TTL in minutes). Figures computed by hand:
//   10/day:      5 min e^(−0.034722) = 0.965874    1 h e^(−0.416667) = 0.659241
//   1,000/day:   5 min e^(−3.472222) = 0.031048    1 h e^(−41.6667)  ≈ 8.0e-19
//   100,000/day: 5 min e^(−347.22)   ≈ 1.6e-151   1 h e^(−4,166.7)  = 0 (underflows)
const shares: [number, '5m' | '1h', number][] = [
  [10, '5m', 0.9658736772],
  [10, '1h', 0.6592406302],
  [1000, '5m', 0.0310479585],
  [1000, '1h', 8.0241e-19],
  [100_000, '5m', 1.597e-151],
  [100_000, '1h', 0],
];

test('caching: the share of calls that write is e^(−rate × TTL)', () => {
  for (const [perDay, ttl, expected] of shares) {
    const share = cacheWriteShare(perDay, ttl);
    const tolerance = expected * 1e-4;
    assert.ok(Math.abs(share - expected) <= tolerance, `${perDay}/day ${ttl}: ${share} vs ${expected}`);
  }
  assert.equal(cacheWriteShare(0, '5m'), 1, 'no traffic: every call that happens writes');
});

// A 6,800-character system prompt on Claude Sonnet 4.5: ≈2,000 tokens (3.4 characters a token), cached with
// cache_control. Read $0.30, 5-minute write $3.75, 1-hour write $6 per 1M. The prefix costs per call
// 2,000 × (share × write + (1 − share) × 0.30) / 1M.
const cachedPrefixUsd: [number, '5m' | '1h', number][] = [
  [10, '5m', 0.007264528373], // 2,000 × (0.965874 × 3.75 + 0.034126 × 0.30)
  [10, '1h', 0.008115343184], // 2,000 × (0.659241 × 6 + 0.340759 × 0.30)
  [1000, '5m', 0.000814230914], // 2,000 × (0.031048 × 3.75 + 0.968952 × 0.30)
  [1000, '1h', 0.0006], // 2,000 × 0.30: every call reads
  [100_000, '5m', 0.0006],
  [100_000, '1h', 0.0006],
];

function prefixCost(cost: CallCost): number {
  return cost.breakdown
    .filter((line) => line.part === 'cacheRead' || line.part === 'cacheWrite5m' || line.part === 'cacheWrite1h')
    .reduce((sum, line) => sum + line.usd, 0);
}

function claudeCall(perDay: number, ttl: '5m' | '1h') {
  return callRecord({
    model: 'claude-sonnet-4-5',
    sdk: 'anthropic',
    api: 'messages.create',
    systemPrompt: { kind: 'literal', segments: [text('x'.repeat(6800))] },
    caching: { explicit: true, ttl, markers: [] },
    callsPerDay: perDay,
  });
}

test('caching: the cached prefix of a Claude call at 10, 1,000 and 100,000 calls a day, 5 min and 1 h', () => {
  for (const [perDay, ttl, expected] of cachedPrefixUsd) {
    const cost = estimateCallCost(claudeCall(perDay, ttl), { table: bundledTable, settings: defaultCostSettings });
    near(prefixCost(cost), expected, `${perDay}/day ${ttl}`);
    const assumed = cost.assumptions.find((a) => a.key === 'cacheWriteShare');
    assert.equal(assumed?.source, 'annotation');
  }
});

test('caching: steady traffic reads almost always (at 3,000 a day, half of one write per lifetime)', () => {
  const cost = estimateCallCost(claudeCall(3000, '5m'), { table: bundledTable, settings: defaultCostSettings });
  // e^(−3,000/1,440 × 5) = 2.99e-5 write: 2,000 × (2.99e-5 × 3.75 + 0.99997 × 0.30) = $0.000600207
  near(prefixCost(cost), 0.000600206513, 'poisson');
  // One write per 5-minute lifetime would charge 288 of 3,000 calls: 2,000 × (0.096 × 3.75 + 0.904 × 0.30).
  const onePerLifetime = (2000 * (0.096 * 3.75 + 0.904 * 0.3)) / 1e6;
  assert.ok(onePerLifetime / prefixCost(cost) > 2);
});
