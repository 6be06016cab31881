import type { CallRecord, ModelVia } from '../analysis/types';
import type { Alternatives } from './alternatives';
import { describeAssumption, formatWorst } from './explain';
import { formatUsd, formatUsdShort } from './format';
import { usagePartLabels } from './priceTokens';
import type { CallCost } from './types';
import type { WhatIf } from './whatIf';

/** One line of an explanation, with where its number comes from and the setting that changes it. */
export interface ExplanationRow {
  text: string;
  /** A price's source and date. */
  source?: string;
  /** The setting that changes this number (`llmCostLens.callsPerDay`), for a link. */
  setting?: string;
}

export interface ExplanationSection {
  title: string;
  rows: ExplanationRow[];
}

/**
 * A call's cost explained for display (the hover, a breakdown view): a title, the headline figures, then
 * sections built from the cost's own structured parts (price lines, notes, assumptions). Surfaces render the
 * sections generically, so whatever the cost estimate learns to say shows up without changes there.
 */
export interface CallExplanation {
  title: string;
  /** Per call and per month, expected then worst case; empty when the model is not known. */
  figures: string[];
  sections: ExplanationSection[];
}

const modelVia: Partial<Record<ModelVia, string>> = {
  literal: 'written in the call',
  constant: 'from a constant in this file',
  'default-param': "from a parameter's default value",
  annotation: 'from the llm-cost-lens annotation above the call',
  unresolved: 'not written where the analysis can read it',
};

/** Where the call's model name came from, in words. */
export function describeModelSource(call: CallRecord): string {
  return modelVia[call.modelVia] ?? `from ${call.modelVia}`;
}

function modelSection(call: CallRecord, cost: CallCost): ExplanationSection {
  const rows: ExplanationRow[] = [{ text: `model ${describeModelSource(call)}` }];
  if (cost.resolved) rows.push({ text: `priced as ${cost.resolved.id} (${cost.resolved.provider})` });
  else if (cost.unknown) rows.push({ text: cost.unknown.reason });
  const suggestions = cost.unknown?.suggestions ?? [];
  if (suggestions.length > 0) rows.push({ text: `closest known names: ${suggestions.join(', ')}` });
  return { title: 'Model', rows };
}

function pricesSection(cost: CallCost): ExplanationSection {
  return {
    title: 'Prices',
    rows: cost.breakdown.map((line) => ({
      text: `${usagePartLabels[line.part]}${line.case === 'both' ? '' : ` (${line.case})`}: ${line.how}`,
      source: line.source,
    })),
  };
}

function alternativesSection(found: Alternatives): ExplanationSection {
  const scope = found.via ? `any provider through ${found.via}` : 'same provider';
  if (found.alternatives.length === 0) return { title: 'Cheaper models', rows: [{ text: `none (${scope})` }] };
  return {
    title: `Cheaper models (${scope})`,
    rows: found.alternatives.map((a) => ({
      text: `${a.name}: ${formatUsdShort(a.monthlyUsd.expected)}/mo (saves ${formatUsdShort(a.monthlySavingUsd)}/mo)`,
    })),
  };
}

/** The explanation of one call's cost; `whatIfs` and `alternatives` add their sections when given. */
export function explainCall(
  call: CallRecord,
  cost: CallCost,
  extras: { whatIfs?: readonly WhatIf[]; alternatives?: Alternatives | null } = {},
): CallExplanation {
  const title = call.model ?? 'model not known';
  const sections: ExplanationSection[] = [modelSection(call, cost)];
  const figures: string[] = [];
  const perCall = cost.costPerCallUsd;
  const monthly = cost.monthlyUsd;
  if (perCall && monthly) {
    figures.push(`${formatUsd(perCall.expected)} per call, ${formatUsd(monthly.expected)} per month (expected)`);
    if (perCall.worst !== perCall.expected) {
      figures.push(`${formatWorst(perCall.worst)} per call, ${formatWorst(monthly.worst)} per month (worst case)`);
    }
    sections.push(pricesSection(cost));
    // The estimate's own account (input, caching, output, volume), in its order; the unknown-model reason is above.
    sections.push({ title: 'How it was computed', rows: cost.notes.map((text) => ({ text })) });
  }
  if (extras.whatIfs && extras.whatIfs.length > 0) {
    sections.push({
      title: 'What caching and batch would change',
      rows: extras.whatIfs.map((w) => ({ text: w.text })),
    });
  }
  sections.push({
    title: 'Assumptions',
    rows: cost.assumptions.map((a) => ({ text: describeAssumption(a), setting: a.setting })),
  });
  if (extras.alternatives) sections.push(alternativesSection(extras.alternatives));
  return { title, figures, sections };
}
