import { analyzeTree } from '../analysis/analyze';
import type { LanguageId } from '../analysis/types';
import type { ParserHost } from '../parsing/host';
import { syntaxErrorNodes } from '../parsing/syntaxErrors';
import { applyEdits, planFixAll } from './apply';
import { findIssues, type RuleInput } from './engine';
import type { Finding, Fix, TextEdit } from './types';

export type FixOptions = Omit<RuleInput, 'text' | 'languageId' | 'calls' | 'costs'> & {
  /**
   * Shown each pass's edits (offsets into the text before the pass) before they are applied; a reason returned
   * refuses the whole fix (a notebook: an edit that would cross from one cell into another).
   */
  checkPass?: (edits: readonly TextEdit[], applied: readonly { finding: Finding; fix: Fix }[]) => string | undefined;
};

export interface FixTextResult {
  /** The text with every safe fix applied (the input when nothing applied or a fix was refused). */
  text: string;
  /** The fixes applied, with the finding each one fixes (its line in the text of the pass that fixed it). */
  applied: { finding: Finding; fix: Fix }[];
  /** The findings of the text as given. */
  initial: Finding[];
  /** Findings left after fixing: those without a safe fix. */
  remaining: Finding[];
  /** Set when the fixes were not applied: they would have left new syntax errors. */
  refused?: string;
}

/** Passes at most: a fix dropped for overlapping another is applied on the next pass. */
const maxPasses = 5;

/**
 * Applies every safe fix of a file's findings, like `eslint --fix`: in passes (a fix dropped because it overlaps
 * one taken before it gets its turn on the next), each on a fresh analysis of the text. The result must parse
 * with no more syntax errors than the input had; otherwise nothing is applied and `refused` says why.
 */
export async function fixText(
  text: string,
  languageId: LanguageId,
  file: string,
  host: ParserHost,
  { checkPass, ...options }: FixOptions,
): Promise<FixTextResult> {
  const analyse = async (source: string) => {
    const tree = await host.parse(source, languageId);
    try {
      const errors = syntaxErrorNodes(tree.rootNode).length;
      const calls = analyzeTree(tree, source, languageId, file);
      return { errors, findings: findIssues({ ...options, text: source, languageId, calls }) };
    } finally {
      tree.delete();
    }
  };
  const first = await analyse(text);
  let current = text;
  let findings = first.findings;
  let errors = first.errors;
  const applied: FixTextResult['applied'] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const plan = planFixAll(findings);
    if (plan.edits.length === 0) break;
    const refused = checkPass?.(plan.edits, plan.applied);
    if (refused) return { text, applied: [], initial: first.findings, remaining: first.findings, refused };
    current = applyEdits(current, plan.edits);
    applied.push(...plan.applied);
    ({ findings, errors } = await analyse(current));
    if (errors > first.errors) {
      return {
        text,
        applied: [],
        initial: first.findings,
        remaining: first.findings,
        refused: `the fixes would leave ${errors - first.errors} new syntax error${errors - first.errors === 1 ? '' : 's'}`,
      };
    }
  }
  return { text: current, applied, initial: first.findings, remaining: findings };
}
