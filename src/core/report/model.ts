import type { SkippedFile } from '../analysis/types';
import { describeModelSource } from '../cost/explanation';
import { notPricedReason, plural } from '../cost/format';
import { describeOverrides, type PriceTable } from '../pricing';
import { pricesOf, tableAge } from '../pricing/update/age';
import type { Finding, Severity } from '../rules';
import { annotatedCalls, type AssumedSetting } from '../workspace/assumptions';
import type { WorkspaceBill } from '../workspace/bill';
import { assumptionsByFolder, type MergedBill } from '../workspace/folderBills';
import type { TotalRow, UsdRange } from '../workspace/totals';

/** A finding as the report lists it under its call. */
export interface ReportFinding {
  code: string;
  severity: Severity;
  message: string;
}

/** One call of the workspace, as a row of the report's table. Plain data: it crosses to the webview as JSON. */
export interface ReportCall {
  /** Its index in `ReportModel.calls`: what the webview names when a row is opened. */
  id: number;
  /** Relative to its workspace folder (prefixed with the folder's name in a multi-root workspace). */
  file: string;
  line: number;
  column: number;
  /** In a notebook: the cell `line` counts in. */
  cell?: number;
  functionName?: string;
  sdk: string;
  api: string;
  /** The provider of the price entry used; null when the model is not known. */
  provider: string | null;
  /** The model name as the code (or an assumption) gives it; null when the code does not say. */
  model: string | null;
  /** The price-table entry it is priced as; null when it is not priced (never $0). */
  pricedAs: string | null;
  /** Where the model comes from (`from config/llm.py:12`, `assumed …`, `not resolved; … uses gpt-4o …`). */
  modelSource: string;
  /** Why the call has no price, when it has none. */
  unknownReason: string | null;
  inputTokens: number | null;
  /** False when the input count is estimated (≈). */
  inputExact: boolean;
  /** Expected output tokens, reasoning included; null when not priced. */
  outputTokens: number | null;
  /** Expected dollars per call; null when not priced. */
  perCallUsd: number | null;
  monthlyUsd: UsdRange | null;
  callsPerDay: number;
  findings: ReportFinding[];
}

/** One bar of the chart of monthly spend by model. */
export interface ChartBar {
  label: string;
  /** Null for the calls that have no price: drawn as a labelled mark, never as a $0 bar. */
  monthlyUsd: number | null;
  calls: number;
  /** Why the calls of the bar that has no price have none (`notPricedReason`). */
  reason?: string;
  /** The names the code writes for the model, when one is not the label (`TotalRow.written`). */
  written?: string[];
}

/** Everything the workspace cost report shows, computed in the core from a scan's bill and findings. */
export interface ReportModel {
  /** ISO time the figures were computed. */
  computedAt: string;
  scope: {
    folders: string[];
    /** Source files read. */
    files: number;
    skipped: SkippedFile[];
    /** The scan was stopped: the figures cover part of the workspace. */
    cancelled: boolean;
  };
  totals: {
    monthlyUsd: UsdRange;
    calls: number;
    priced: number;
    /** Calls with no price: not in the dollars, and said so. */
    unpriced: number;
    /** Of those, the calls whose model the code does not name (see `notPricedReason`). */
    unnamed: number;
    /** Priced calls with no known worst case. */
    unbounded: number;
    findings: number;
  };
  byProvider: TotalRow[];
  byModel: TotalRow[];
  byFile: TotalRow[];
  chart: ChartBar[];
  calls: ReportCall[];
  prices: { label: string; pricesAsOf: string; ageDays: number; stale: boolean };
  /** The assumptions behind every figure, one line each (`1,000 calls a day (default; 2 calls annotated)`). */
  assumptions: string[];
}

export interface ReportInputs {
  /** One bill, or in a multi-root workspace the folders' bills merged (each folder priced with its own settings). */
  bill: WorkspaceBill | MergedBill;
  findings: readonly Finding[];
  table: PriceTable;
  /** The models the workspace's `pricing.overrides` price (over `table`): the figures are not all the table's. */
  priceOverrides?: readonly string[];
  scope: ReportModel['scope'];
  now: Date;
}

/** Models beyond this many share one `other models` bar, so the chart stays readable. */
export const maxChartBars = 8;
export const otherModelsLabel = 'other models';
export const unpricedLabel = 'not priced';

/** The chart's bars: the priced models by monthly spend, the rest as `other models`, the unpriced calls last. */
function chartBars(bill: Pick<WorkspaceBill, 'totals'>): ChartBar[] {
  const priced = bill.totals.byModel.filter((row) => row.unpriced < row.calls);
  const shown = priced.length > maxChartBars ? priced.slice(0, maxChartBars - 1) : priced;
  const bars: ChartBar[] = shown.map((row) => ({
    label: row.key,
    monthlyUsd: row.monthlyUsd.expected,
    calls: row.calls - row.unpriced,
    ...(row.written ? { written: row.written } : {}),
  }));
  const rest = priced.slice(shown.length);
  if (rest.length > 0) {
    bars.push({
      label: `${otherModelsLabel} (${rest.length})`,
      monthlyUsd: rest.reduce((sum, row) => sum + row.monthlyUsd.expected, 0),
      calls: rest.reduce((sum, row) => sum + row.calls - row.unpriced, 0),
    });
  }
  if (bill.totals.unpriced > 0) {
    bars.push({
      label: unpricedLabel,
      monthlyUsd: null,
      calls: bill.totals.unpriced,
      reason: notPricedReason(bill.totals),
    });
  }
  return bars;
}

type AssumptionKey = 'callsPerDay' | 'dynamicPartTokens' | 'historyTokens' | 'expectedOutputTokens' | 'reasoningTokens';
const assumptionKeys: readonly AssumptionKey[] = [
  'callsPerDay',
  'dynamicPartTokens',
  'historyTokens',
  'expectedOutputTokens',
  'reasoningTokens',
];
const tokenWords = {
  dynamicPartTokens: 'tokens per dynamic part',
  historyTokens: 'history tokens',
  expectedOutputTokens: 'expected output tokens',
} as const;

/** One setting's line (`1,000 calls a day (default; 2 calls annotated) — llmCostLens.callsPerDay`). */
function settingLine(key: AssumptionKey, setting: AssumedSetting<unknown>, annotated: number): string {
  if (key === 'callsPerDay') {
    return `${(setting.value as number).toLocaleString('en-US')} calls a day (${setting.source}${annotated > 0 ? `; ${plural(annotated, 'call')} annotated` : ''}) — ${setting.setting}`;
  }
  if (key === 'reasoningTokens') {
    return `reasoning tokens ${JSON.stringify(setting.value)} (${setting.source}, ${plural(setting.calls, 'call')}) — ${setting.setting}`;
  }
  return `${(setting.value as number).toLocaleString('en-US')} ${tokenWords[key]} (${setting.source}, ${plural(setting.calls, 'call')}) — ${setting.setting}`;
}

const sameSetting = (a: AssumedSetting<unknown>, b: AssumedSetting<unknown>): boolean =>
  a.source === b.source && JSON.stringify(a.value) === JSON.stringify(b.value);

/**
 * One line per setting the figures used. Where the folders of a multi-root workspace used different values (each
 * folder's calls are priced with its own settings), one line per folder, named (`api: 500 calls a day …`).
 */
function assumptionLines(
  bill: WorkspaceBill | MergedBill,
  table: PriceTable,
  priceOverrides: readonly string[] = [],
): string[] {
  const folders = assumptionsByFolder(bill);
  // A folder without calls assumed nothing; with no calls at all, the first folder's settings are the ones shown.
  const priced = folders.filter((f) => f.calls > 0);
  const shown = priced.length > 0 ? priced : folders.slice(0, 1);
  const lines: string[] = [];
  for (const key of assumptionKeys) {
    const using = shown.filter((f) => key === 'callsPerDay' || f.assumptions[key].calls > 0);
    const first = using[0]?.assumptions[key];
    if (!first) continue;
    if (using.every((f) => sameSetting(f.assumptions[key], first))) {
      const calls = using.reduce((sum, f) => sum + f.assumptions[key].calls, 0);
      const annotated = using.reduce((sum, f) => sum + annotatedCalls(f.assumptions), 0);
      lines.push(settingLine(key, { ...first, calls }, annotated));
    } else {
      for (const f of using) {
        lines.push(`${f.folder}: ${settingLine(key, f.assumptions[key], annotatedCalls(f.assumptions))}`);
      }
    }
  }
  // A folder with its own price file is priced from other prices than the ones the report names.
  const named = pricesOf(table);
  for (const f of shown)
    if (f.prices && f.prices !== named) lines.push(`${f.folder}: ${f.prices} — llmCostLens.pricing.file`);
  // So are the models a price override sets, and a folder's own overrides replace the workspace's.
  if (priceOverrides.length > 0) lines.push(overridesLine(priceOverrides));
  for (const f of shown) if (f.ownPriceOverrides) lines.push(`${f.folder}: ${overridesLine(f.ownPriceOverrides)}`);
  return lines;
}

/** `your price overrides for gpt-4o-mini, my-deployment — llmCostLens.pricing.overrides`. */
function overridesLine(models: readonly string[]): string {
  return `${describeOverrides(models)} — llmCostLens.pricing.overrides`;
}

/** The report's data from a workspace bill (the same one the CLI's scan totals) and the rules' findings. */
export function reportModel(inputs: ReportInputs): ReportModel {
  const { bill, findings, table, priceOverrides, scope, now } = inputs;
  const byCall = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const key = `${f.file}:${f.line}:${f.column}`;
    const list = byCall.get(key) ?? [];
    list.push({ code: f.code, severity: f.severity, message: f.message });
    byCall.set(key, list);
  }
  const calls = bill.calls.map((call, id): ReportCall => {
    const record = bill.records[id] ?? call;
    return {
      id,
      file: call.file,
      line: call.line,
      column: call.column,
      ...(call.cell !== undefined ? { cell: call.cell } : {}),
      ...(call.functionName ? { functionName: call.functionName } : {}),
      sdk: call.sdk,
      api: call.api,
      provider: call.provider,
      model: call.model,
      pricedAs: call.pricedAs,
      modelSource: describeModelSource(record),
      unknownReason: call.monthlyUsd ? null : (call.unknownModel?.reason ?? 'model not known'),
      inputTokens: call.inputTokens,
      inputExact: call.inputTokensExact,
      outputTokens: call.outputTokens?.expected ?? null,
      perCallUsd: call.costPerCallUsd?.expected ?? null,
      monthlyUsd: call.monthlyUsd ? { expected: call.monthlyUsd.expected, worst: call.monthlyUsd.worst } : null,
      callsPerDay: call.callsPerDay,
      findings: byCall.get(`${call.file}:${call.line}:${call.column}`) ?? [],
    };
  });
  const age = tableAge(table, now);
  const { totals } = bill;
  return {
    computedAt: now.toISOString(),
    scope,
    totals: {
      monthlyUsd: totals.monthlyUsd,
      calls: totals.calls,
      priced: totals.priced,
      unpriced: totals.unpriced,
      unnamed: totals.unnamed,
      unbounded: totals.unbounded,
      findings: findings.length,
    },
    byProvider: totals.byProvider,
    byModel: totals.byModel,
    byFile: totals.byFile,
    chart: chartBars(bill),
    calls,
    prices: {
      label: table.origin?.label ?? 'the bundled snapshot',
      pricesAsOf: age.pricesAsOf,
      ageDays: age.days,
      stale: age.stale,
    },
    assumptions: assumptionLines(bill, table, priceOverrides),
  };
}
