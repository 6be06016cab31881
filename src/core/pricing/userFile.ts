import * as path from 'node:path';
import { buildPriceTable } from './generate/build';
import { readSourceFile } from './generate/sourceInfo';
import { resolveModel } from './resolve';
import { bundledTable } from './table';
import type { ModelEntry, PriceTable } from './types';

/**
 * genai-prices has no max output and LiteLLM lacks some context windows: facts that are not prices are taken
 * from the bundled snapshot when the new file leaves them out, so worst cases stay meaningful.
 */
function withBundledFacts(entry: ModelEntry): ModelEntry {
  if (entry.maxOutputTokens !== null && entry.contextWindow !== null) return entry;
  // Once per entry of a file that may list 100,000 models: no closest-name search for the unknown ones.
  const known = resolveModel(`${entry.provider}/${entry.id}`, bundledTable, { noSuggestions: true });
  if (known.unknown) return entry;
  return {
    ...entry,
    maxOutputTokens: entry.maxOutputTokens ?? known.entry.maxOutputTokens,
    contextWindow: entry.contextWindow ?? known.entry.contextWindow,
  };
}

/**
 * Loads a newer price file (genai-prices' `data.json` or LiteLLM's price map) that replaces the bundled
 * snapshot (its prices; max output and context window fall back to the snapshot's). Never throws: a file that cannot be used gives `table: null` and the reason; bad entries inside a
 * usable file are reported and skipped.
 */
export function loadPriceFile(
  file: string,
  asOf = new Date().toISOString().slice(0, 10),
): { table: PriceTable | null; problems: string[] } {
  try {
    const { input, problem } = readSourceFile(file);
    if (!input) return { table: null, problems: [problem ?? `${file}: unreadable`] };
    const { table, problems } = buildPriceTable([input], asOf);
    if (table.models.length === 0) {
      return { table: null, problems: [...problems, `${file}: no chat or embedding model of a covered provider`] };
    }
    const origin = { kind: 'file' as const, label: `your price file ${path.basename(file)}` };
    return { table: { ...table, origin, models: table.models.map(withBundledFacts) }, problems };
  } catch (error) {
    return { table: null, problems: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
