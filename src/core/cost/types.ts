import type { Provider } from '../pricing/types';
import type { PricedPart } from './priceTokens';

export interface BreakdownLine extends PricedPart {
  /** Which case the line belongs to: output differs between them, input does not. */
  case: 'both' | 'expected' | 'worst';
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
  outputTokens: { expected: number; worst: number } | null;
  costPerCallUsd: { expected: number; worst: number } | null;
  monthlyUsd: { expected: number; worst: number } | null;
  callsPerDay: number;
  callsPerDaySource: 'annotation' | 'setting';
  breakdown: BreakdownLine[];
  /** How the figures were reached: assumptions, limits, caching, price sources. */
  notes: string[];
}
