import { buildPriceTable } from './generate/build';
import { readSourceFile } from './generate/sourceInfo';
import type { PriceTable } from './types';

/**
 * Loads a newer price file (genai-prices' `data.json` or LiteLLM's price map) that replaces the bundled
 * snapshot. Never throws: a file that cannot be used gives `table: null` and the reason; bad entries inside a
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
    return { table, problems };
  } catch (error) {
    return { table: null, problems: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
