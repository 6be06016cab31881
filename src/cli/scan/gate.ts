import { UsageError } from '../errors';
import { formatUsd } from '../../core/cost/format';
import type { Finding, Severity } from '../../core/rules';
import type { CostTotals } from '../../core/workspace/totals';

/** The levels `--fail-on` takes, lowest first; a level fails on itself and everything above it. */
export const failOnLevels = ['info', 'warning', 'error'] as const;
export type FailOn = (typeof failOnLevels)[number];

const rank: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export const gateFlagOptions = {
  budget: { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

export const gateFlagsUsage = `  --budget <dollars>            exit 1 when the projected monthly total (expected case, priced calls) is
                                above this many dollars a month; the message says by how much
  --fail-on <level>             exit 1 when a finding at this level or above exists: info, warning or error`;

export interface Gate {
  budget: number | null;
  failOn: FailOn | null;
}

/** `--budget` and `--fail-on` as given; a value that is not one is a usage error (exit 2). */
export function gateFromFlags(values: Partial<Record<string, string | boolean | string[] | undefined>>): Gate {
  const rawBudget = values.budget;
  let budget: number | null = null;
  if (typeof rawBudget === 'string') {
    const cleaned = rawBudget.trim().replace(/^\$/, '').replace(/,/g, '');
    const n = Number(cleaned);
    if (cleaned === '' || !Number.isFinite(n) || n < 0) {
      throw new UsageError(`--budget must be a number of dollars a month (e.g. 500 or 1250.50), not '${rawBudget}'`);
    }
    budget = n;
  }
  const rawFailOn = values['fail-on'];
  let failOn: FailOn | null = null;
  if (typeof rawFailOn === 'string') {
    if (!(failOnLevels as readonly string[]).includes(rawFailOn)) {
      throw new UsageError(`--fail-on must be ${failOnLevels.join(', ')}, not '${rawFailOn}'`);
    }
    failOn = rawFailOn as FailOn;
  }
  return { budget, failOn };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether the gate fails, and one line per check saying why (or that it passed). */
export function gateVerdict(
  gate: Gate,
  totals: CostTotals,
  findings: readonly Finding[],
): { failed: boolean; lines: string[] } {
  const lines: string[] = [];
  let failed = false;
  if (gate.budget !== null) {
    const total = totals.monthlyUsd.expected;
    const unpriced = totals.unpriced > 0 ? ` (${plural(totals.unpriced, 'call')} not priced, not counted)` : '';
    if (total > gate.budget) {
      failed = true;
      const over = total - gate.budget;
      const percent = gate.budget > 0 ? ` (${((over / gate.budget) * 100).toFixed(1)}%)` : '';
      lines.push(
        `Budget exceeded: the projected monthly cost is ${formatUsd(total)}, ${formatUsd(over)}${percent} over the budget of ${formatUsd(gate.budget)}${unpriced}.`,
      );
    } else {
      lines.push(`Within budget: ${formatUsd(total)} of ${formatUsd(gate.budget)} a month${unpriced}.`);
    }
  }
  if (gate.failOn !== null) {
    const threshold = rank[gate.failOn];
    const hits = findings.filter((f) => rank[f.severity] >= threshold);
    if (hits.length > 0) {
      failed = true;
      const counts = (['error', 'warning', 'info'] as const)
        .map((s) => [s, hits.filter((f) => f.severity === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => (s === 'info' ? `${n} info` : plural(n, s)));
      lines.push(
        `${plural(hits.length, 'finding')} at ${gate.failOn}${gate.failOn === 'error' ? '' : ' or above'} (${counts.join(', ')}): failing, as --fail-on ${gate.failOn} asks.`,
      );
    } else lines.push(`No finding at ${gate.failOn}${gate.failOn === 'error' ? '' : ' or above'}.`);
  }
  return { failed, lines };
}
