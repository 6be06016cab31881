import type { Provider } from '../pricing/types';
import type { Assumption, AssumptionSource } from './assumptions';
import type { PricedPart } from './priceTokens';

export interface BreakdownLine extends PricedPart {
  /** Which case the line belongs to: output differs between them, input does not. */
  case: 'both' | 'expected' | 'worst';
}

/** Expected and worst case; the worst case is null when it cannot be known (no limit, max output unknown). */
export interface CostPair {
  expected: number;
  worst: number | null;
}

export interface CallCost {
  /** The model as written; null when the analyser could not resolve it. */
  model: string | null;
  /** The price-table entry used, or null for an unknown model (then no dollar figure is given, never $0). */
  resolved: { id: string; provider: Provider } | null;
  unknown: { reason: string; suggestions: string[] } | null;
  inputTokens: number | null;
  /** False when any part is estimated: show ≈. */
  inputExact: boolean;
  /** Output tokens, reasoning included; `reasoning` is the part of `expected` spent thinking. */
  outputTokens: (CostPair & { reasoning: number }) | null;
  /** Per call; for a batch submission with N visible requests, the N requests together. */
  costPerCallUsd: CostPair | null;
  monthlyUsd: CostPair | null;
  callsPerDay: number;
  callsPerDaySource: Extract<AssumptionSource, 'annotation' | 'setting' | 'flag' | 'default'>;
  /** Requests per call: N for a batch submission whose N requests are written in the code, else 1. */
  requests: number;
  breakdown: BreakdownLine[];
  /** Every value the figures assumed, with where it came from and the setting that changes it. */
  assumptions: Assumption[];
  /** How the figures were reached: assumptions, limits, caching, price sources. */
  notes: string[];
}
