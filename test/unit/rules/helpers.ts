import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { defaultCostSettings, type CostSettings } from '../../../src/core/cost';
import { ParserHost } from '../../../src/core/parsing/host';
import { languageIdForPath } from '../../../src/core/parsing/languages';
import { syntaxErrorCount } from '../../../src/core/parsing/syntaxErrors';
import { bundledTable } from '../../../src/core/pricing';
import { applyEdits, findIssues, type Finding, type Fix, type RuleInput } from '../../../src/core/rules';
import { wasmDir } from '../helpers/paths';

let shared: ParserHost | undefined;

/** One parser host per test file; `disposeHost` in the file's `after`. */
export function host(): ParserHost {
  shared ??= new ParserHost(wasmDir);
  return shared;
}

export function disposeHost(): void {
  shared?.dispose();
  shared = undefined;
}

export interface Checked {
  text: string;
  calls: CallRecord[];
  findings: Finding[];
}

/** Analyses `text` and runs the rules on it with the bundled prices. */
export async function check(
  text: string,
  languageId: LanguageId,
  options: Partial<Omit<RuleInput, 'text' | 'languageId' | 'calls'>> & {
    costSettings?: CostSettings;
    file?: string;
  } = {},
): Promise<Checked> {
  const { file, ...rest } = options;
  const { calls } = await analyze(text, languageId, file ?? (languageId === 'python' ? 'app.py' : 'app.ts'), host());
  const findings = findIssues({
    table: bundledTable,
    costSettings: defaultCostSettings,
    ...rest,
    text,
    languageId,
    calls,
  });
  return { text, calls, findings };
}

/** The findings of one rule. */
export function only(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** The text after one fix. */
export function applied(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

export async function errors(text: string, languageId: LanguageId): Promise<number> {
  return syntaxErrorCount(host(), text, languageId);
}

/** The text with `comment` on its own line above the line where `offset` is, at that line's indentation. */
export function commentAbove(text: string, offset: number, comment: string): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  return `${text.slice(0, lineStart)}${indent}${comment}\n${text.slice(lineStart)}`;
}

/** Every Python, TypeScript and JavaScript file under the folders, in a stable order. */
export function sourceFiles(...roots: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (languageIdForPath(full)) found.push(full);
    }
  };
  for (const root of roots) walk(root);
  return found;
}
