import type { CallRecord } from '../analysis/types';
import { planReasoning, type CostSettings } from '../cost';
import type { ModelEntry } from '../pricing/types';

/** A reasoning model by the price table's flag (not by its name: `azure/gpt-5`, `openai/o3` match too). */
export function isReasoning(entry: ModelEntry | null): boolean {
  return entry?.capabilities.reasoning === true;
}

/**
 * The effort a call reasons at (the cost model's reading: the effort written in the call, else the model's
 * default), or null when it does not reason (not a reasoning model, effort none, thinking off by default).
 */
export function reasoningEffortOf(call: CallRecord, entry: ModelEntry | null, settings: CostSettings): string | null {
  if (!entry) return null;
  return planReasoning(call, entry, settings)?.effort ?? null;
}

/**
 * The model as a finding names it: as the code writes it (`claude-3-opus-20240229`, `gpt-4-0125-preview`), not the
 * price entry it is priced as (`claude-3-opus-latest`, `gpt-4-turbo`), which the reader may not recognise.
 */
export function modelNamed(call: CallRecord, entry: ModelEntry): string {
  return call.model ?? entry.id;
}
