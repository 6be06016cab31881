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

const modelVia: Record<ModelVia, string> = {
  literal: 'written in the call',
  constant: 'from a constant in this file',
  'default-param': "from a parameter's default value",
  'cross-file': 'from another file',
  config: 'from a config file',
  'env-default': "from an environment variable's default",
  annotation: 'from the llm-cost-lens annotation above the call',
  assumed: 'assumed by the llmCostLens.assumedModels setting (the code does not say it)',
  unresolved: 'not written where the analysis can read it',
};

/** Where the call's model name came from, in words, with the file and line it is written on (`model from config/llm.py:12`). */
export function describeModelSource(call: CallRecord): string {
  const how = modelVia[call.modelVia];
  const source = call.modelSource;
  if (call.modelVia === 'unresolved') {
    const candidates = call.modelCandidates ?? [];
    return candidates.length > 0 ? `${how}; this workspace uses ${candidates.join(', ')} for this provider` : how;
  }
  if (!source || call.modelVia === 'literal' || call.modelVia === 'assumed') return how;
  const where =
    source.file !== call.file
      ? `${source.file}:${source.line}`
      : source.cell !== undefined && source.cell !== call.cell
        ? `cell ${source.cell}, line ${source.line}`
        : `line ${source.line}`;
  switch (call.modelVia) {
    case 'cross-file':
    case 'config':
      return `from ${where}`;
    case 'env-default':
      return `from an environment variable's default, ${where}`;
    default:
      return `${how}, ${where}`;
  }
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
  const figures: string[] = [];
  const perCall = cost.costPerCallUsd;
  const monthly = cost.monthlyUsd;
  if (perCall && monthly) {
    figures.push(`${formatUsd(perCall.expected)} per call, ${formatUsd(monthly.expected)} per month (expected)`);
    if (perCall.worst !== perCall.expected) {
      figures.push(`${formatWorst(perCall.worst)} per call, ${formatWorst(monthly.worst)} per month (worst case)`);
    }
  }
  // What can be done about the figure first, then what it rests on, then how it was computed.
  const sections: ExplanationSection[] = [modelSection(call, cost)];
  if (extras.whatIfs && extras.whatIfs.length > 0) {
    sections.push({
      title: 'What caching and batch would change',
      rows: extras.whatIfs.map((w) => ({ text: w.text })),
    });
  }
  if (extras.alternatives) sections.push(alternativesSection(extras.alternatives));
  sections.push({
    title: 'Assumptions',
    rows: cost.assumptions.map((a) => ({ text: describeAssumption(a), setting: a.setting })),
  });
  if (perCall && monthly) {
    sections.push(pricesSection(cost));
    // The estimate's own account (input, caching, output, volume), in its order; the unknown-model reason is above.
    sections.push({ title: 'How it was computed', rows: cost.notes.map((text) => ({ text })) });
  }
  return { title, figures, sections };
}
