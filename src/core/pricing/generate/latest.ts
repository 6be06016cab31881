import type { Disagreement } from './disagreements';
import type { DraftModel } from './draft';
import { pricePair } from './merge';
import { canonicalKey } from '../names';

/** Dated snapshot suffixes whose digits order by date within one family (`-2512`, `-20241022`, `-2024-05-13`). */
const datedSuffix = /^(\d{4}|\d{8}|\d{4}-\d{2}-\d{2})$/;

/** The newest dated snapshot of `family` among the drafts' names, when all of them share one date format. */
export function newestSnapshot(family: string, drafts: DraftModel[]): { draft: DraftModel; name: string } | null {
  const head = `${canonicalKey(family)}-`;
  const found: { draft: DraftModel; name: string; suffix: string }[] = [];
  for (const draft of drafts) {
    for (const name of [draft.id, ...draft.aliases]) {
      const key = canonicalKey(name);
      if (!key.startsWith(head)) continue;
      const suffix = name.slice(head.length);
      if (datedSuffix.test(suffix)) found.push({ draft, name, suffix });
    }
  }
  if (found.length === 0) return null;
  const length = found[0]?.suffix.length;
  if (found.some((f) => f.suffix.length !== length)) return null; // mixed formats cannot be ordered safely
  found.sort((a, b) => b.suffix.localeCompare(a.suffix));
  return found[0] ?? null;
}

/**
 * A `-latest` name is a moving alias: it follows the newest dated snapshot of its family that the sources list
 * (`mistral-large-latest` → `mistral-large-2512`), wherever a source had filed it. Each move is recorded.
 */
export function followLatestAliases(drafts: DraftModel[], disagreements: Disagreement[]): void {
  for (const draft of drafts) {
    for (const alias of [...draft.aliases]) {
      if (!/-latest$/.test(alias)) continue;
      const newest = newestSnapshot(
        alias.replace(/-latest$/, ''),
        drafts.filter((d) => d.provider === draft.provider),
      );
      if (!newest || newest.draft === draft) continue;
      draft.aliases = draft.aliases.filter((a) => a !== alias);
      newest.draft.aliases.push(alias);
      const decided = disagreements.findIndex((d) => d.model === alias && d.field === 'model');
      if (decided >= 0) disagreements.splice(decided, 1);
      disagreements.push({
        model: alias,
        field: 'model',
        said: [
          `listed as ${draft.id} (${pricePair(draft.prices.input?.usd, draft.prices.output?.usd)})`,
          `newest dated snapshot ${newest.name} (${pricePair(newest.draft.prices.input?.usd, newest.draft.prices.output?.usd)})`,
        ],
        chosen: newest.draft.id,
        rule: 'latestAlias',
      });
    }
  }
}
