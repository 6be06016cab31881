import type { CostedCall } from '../workspace/costs';
import { costTotals, type UsdRange } from '../workspace/totals';

/** One side of a changed call: what a reviewer compares. */
export interface CallSide {
  line: number;
  functionName: string | null;
  sdk: string;
  api: string;
  model: string | null;
  /** The price entry used; null for an unknown model (then no dollars). */
  pricedAs: string | null;
  /** The output limit's value; null when there is none, or its value is not known (see `limit`). */
  outputLimit: number | null;
  /**
   * `set`: a limit is passed (its value is `outputLimit`, or not known when that is null); `none`: no limit;
   * `not shown`: the settings are passed whole from elsewhere (`**kwargs`), so a limit may be among them.
   */
  limit: LimitState;
  inLoop: boolean;
  batch: boolean;
  inputTokens: number | null;
  callsPerDay: number;
  monthlyUsd: UsdRange | null;
}

export type LimitState = 'set' | 'none' | 'not shown';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface CallChange {
  file: string;
  /** The line in the working tree; the base's line for a removed call. */
  line: number;
  kind: ChangeKind;
  before: CallSide | null;
  after: CallSide | null;
  /** Expected dollars per month after minus before; null when either side has no price. */
  deltaMonthlyUsd: number | null;
}

/** `llm-cost-lens diff --format json`. */
export interface CostDiff {
  baseMonthlyUsd: number;
  headMonthlyUsd: number;
  deltaMonthlyUsd: number;
  changes: CallChange[];
}

function side(call: CostedCall): CallSide {
  return {
    line: call.line,
    functionName: call.functionName ?? null,
    sdk: call.sdk,
    api: call.api,
    model: call.model,
    pricedAs: call.pricedAs,
    outputLimit: call.outputLimit ? call.outputLimitValue : null,
    limit: call.outputLimit ? 'set' : call.sites.complete ? 'none' : 'not shown',
    inLoop: call.inLoop,
    batch: call.batch,
    inputTokens: call.inputTokens,
    callsPerDay: call.callsPerDay,
    monthlyUsd: call.monthlyUsd,
  };
}

/** A call's identity across revisions: where it is (file and function) and what it calls; not its line. */
function identity(call: CostedCall): string {
  return [call.file, call.functionName ?? '', call.sdk, call.api].join('\0');
}

/** What the call sends and to whom: equal signatures pair up first when a function gains or loses a call. */
function signature(call: CostedCall): string {
  const prompt = [call.systemPrompt, ...call.messages]
    .flatMap((part) => part.segments)
    .map((segment) => (segment.kind === 'static' ? segment.text : `{${segment.expression}}`))
    .join('\u0001');
  return [call.model ?? '', call.outputLimitValue ?? '', call.inLoop, prompt].join('\0');
}

/** Index pairs of the longest common subsequence of two signature lists. */
function commonPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] =
        a[i] === b[j]
          ? ((lengths[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lengths[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (((lengths[i + 1] as number[])[j] as number) >= ((lengths[i] as number[])[j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}

/**
 * Pairs the calls of one identity: by order when both revisions have as many; otherwise the calls that send
 * the same thing pair first, and the rest pair by order (extra ones are added or removed).
 */
function pairGroup(before: CostedCall[], after: CostedCall[]): [CostedCall | null, CostedCall | null][] {
  if (before.length === after.length) return before.map((call, i) => [call, after[i] as CostedCall]);
  const anchors = commonPairs(before.map(signature), after.map(signature));
  const pairs: [CostedCall | null, CostedCall | null][] = [];
  let i = 0;
  let j = 0;
  const flush = (untilI: number, untilJ: number): void => {
    while (i < untilI && j < untilJ) pairs.push([before[i++] as CostedCall, after[j++] as CostedCall]);
    while (i < untilI) pairs.push([before[i++] as CostedCall, null]);
    while (j < untilJ) pairs.push([null, after[j++] as CostedCall]);
  };
  for (const [ai, bj] of anchors) {
    flush(ai, bj);
    pairs.push([before[i++] as CostedCall, after[j++] as CostedCall]);
  }
  flush(before.length, after.length);
  return pairs;
}

const sameMoney = (a: UsdRange | null, b: UsdRange | null): boolean =>
  a === null || b === null
    ? a === b
    : Math.abs(a.expected - b.expected) < 1e-9 &&
      (a.worst === null || b.worst === null ? a.worst === b.worst : Math.abs(a.worst - b.worst) < 1e-9);

/** Whether a reviewer would want to hear about the pair: anything that moves the bill, not the line. */
function differs(a: CallSide, b: CallSide): boolean {
  return (
    a.model !== b.model ||
    a.pricedAs !== b.pricedAs ||
    a.outputLimit !== b.outputLimit ||
    a.limit !== b.limit ||
    a.inLoop !== b.inLoop ||
    a.batch !== b.batch ||
    a.inputTokens !== b.inputTokens ||
    a.callsPerDay !== b.callsPerDay ||
    !sameMoney(a.monthlyUsd, b.monthlyUsd)
  );
}

function groups(calls: readonly CostedCall[]): Map<string, CostedCall[]> {
  const byIdentity = new Map<string, CostedCall[]>();
  for (const call of calls) {
    const key = identity(call);
    const list = byIdentity.get(key);
    if (list) list.push(call);
    else byIdentity.set(key, [call]);
  }
  for (const list of byIdentity.values()) list.sort((a, b) => a.range.start - b.range.start);
  return byIdentity;
}

const monthly = (s: CallSide | null): number | null => (s === null ? 0 : (s.monthlyUsd?.expected ?? null));

/**
 * The projected monthly cost of `head` against `base` (both priced with the same settings and prices), per
 * call added, removed or changed. Calls are matched by identity — file, enclosing function, SDK and API, then
 * order — so an edit above a call, or a function moved within its file, reports nothing.
 */
export function diffCalls(base: readonly CostedCall[], head: readonly CostedCall[]): CostDiff {
  const before = groups(base);
  const after = groups(head);
  const changes: CallChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    for (const [was, now] of pairGroup(before.get(key) ?? [], after.get(key) ?? [])) {
      const b = was ? side(was) : null;
      const a = now ? side(now) : null;
      if (a && b && !differs(b, a)) continue;
      const [x, y] = [monthly(b), monthly(a)];
      changes.push({
        file: (now ?? was)?.file as string,
        line: (a ?? b)?.line as number,
        kind: !b ? 'added' : !a ? 'removed' : 'changed',
        before: b,
        after: a,
        deltaMonthlyUsd: x === null || y === null ? null : y - x,
      });
    }
  }
  changes.sort(
    (p, q) =>
      Math.abs(q.deltaMonthlyUsd ?? 0) - Math.abs(p.deltaMonthlyUsd ?? 0) ||
      (p.file < q.file ? -1 : p.file > q.file ? 1 : p.line - q.line),
  );
  const baseMonthlyUsd = costTotals(base).monthlyUsd.expected;
  const headMonthlyUsd = costTotals(head).monthlyUsd.expected;
  return { baseMonthlyUsd, headMonthlyUsd, deltaMonthlyUsd: headMonthlyUsd - baseMonthlyUsd, changes };
}
