import { analyzeTree } from '../analysis/analyze';
import { assumeModels, type AssumedModels } from '../analysis/assumed';
import type { Workspace } from '../analysis/resolver';
import type { LanguageId } from '../analysis/types';
import type { ParserHost } from '../parsing/host';
import { syntaxErrorNodes } from '../parsing/syntaxErrors';
import { applyEdits, planFixAll, safeFix } from './apply';
import { findIssues, type RuleInput } from './engine';
import type { Finding, Fix, TextEdit } from './types';

export type FixOptions = Omit<RuleInput, 'text' | 'languageId' | 'calls' | 'costs'> & {
  /** The workspace around the file: values are followed into other files as the scan follows them. */
  around?: { workspace: Workspace; path: string };
  /** `llmCostLens.assumedModels`, for calls whose model the code does not say, as the scan applies them. */
  assumedModels?: AssumedModels;
  /**
   * Shown each pass's edits (offsets into the text before the pass) before they are applied; a reason returned
   * refuses the whole fix (a notebook: an edit that would cross from one cell into another).
   */
  checkPass?: (edits: readonly TextEdit[], applied: readonly { finding: Finding; fix: Fix }[]) => string | undefined;
  /** Told when the passes start over from the text as given (a fix that did not take is then left out). */
  onRestart?: () => void;
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
  /**
   * Fixes left out because they did not take (the call still had its finding after the edit), with the finding
   * of the text as given; the others are applied.
   */
  notTaken?: { finding: Finding; reason: string }[];
}

/** Passes at most: a fix dropped for overlapping another is applied on the next pass. */
const maxPasses = 5;

/**
 * `offset` in the text after `edits` (offsets into the text before them, none overlapping) mapped back to the
 * text before them: the edits wholly before it are undone.
 */
export function beforeEdits(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const endAfter = edit.start + shift + edit.newText.length;
    if (endAfter > offset) break;
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return offset - shift;
}

/**
 * Names a fix on a call of the text as given: its rule, the call (the finding's offset mapped back through the
 * passes before), and what it does. The same fix planned again on a later pass did not take: the analysis does
 * not see the change where the fix makes it (a limit added to the object a builder function maps).
 */
function fixKey(finding: Finding, fix: Fix, passes: readonly (readonly TextEdit[])[]): string {
  const offset = passes.reduceRight((at, edits) => beforeEdits(at, edits), finding.range.start);
  return `${finding.code}\0${offset}\0${fix.title}`;
}

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
  { checkPass, onRestart, around, assumedModels, ...options }: FixOptions,
): Promise<FixTextResult> {
  const analyse = async (source: string) => {
    const tree = await host.parse(source, languageId);
    try {
      const errors = syntaxErrorNodes(tree.rootNode).length;
      const calls = assumeModels(analyzeTree(tree, source, languageId, file, around), assumedModels ?? {});
      return { errors, findings: findIssues({ ...options, text: source, languageId, calls }) };
    } finally {
      tree.delete();
    }
  };
  const first = await analyse(text);
  const refuse = (refused: string): FixTextResult => ({
    text,
    applied: [],
    initial: first.findings,
    remaining: first.findings,
    refused,
  });
  // A fix that does not take is left out and the others applied afresh: one such fix must not cost the rest.
  const left: NotTaken[] = [];
  const excluded = new Set<string>();
  for (let attempt = 0; attempt <= maxPasses; attempt++) {
    const outcome = await fixPasses(text, first, analyse, checkPass, excluded);
    if ('refused' in outcome) return refuse(outcome.refused);
    if ('notTaken' in outcome) {
      excluded.add(outcome.notTaken.key);
      left.push(outcome.notTaken);
      onRestart?.();
      continue;
    }
    return { ...outcome, initial: first.findings, ...(left.length > 0 ? { notTaken: left.map(describe) } : {}) };
  }
  return refuse('the fixes kept missing the calls they fix');
}

interface NotTaken {
  key: string;
  /** The finding in the text as given. */
  finding: Finding;
  fix: Fix;
}

type Analysis = { errors: number; findings: Finding[] };

/** One run of passes from the text as given, leaving out the fixes in `excluded` (keys of `fixKey`). */
async function fixPasses(
  text: string,
  first: Analysis,
  analyse: (source: string) => Promise<Analysis>,
  checkPass: FixOptions['checkPass'],
  excluded: ReadonlySet<string>,
): Promise<
  | { text: string; applied: FixTextResult['applied']; remaining: Finding[] }
  | { refused: string }
  | { notTaken: NotTaken }
> {
  let current = text;
  let findings = first.findings;
  let errors = first.errors;
  const applied: FixTextResult['applied'] = [];
  const passes: TextEdit[][] = [];
  const taken = new Set<string>();
  for (let pass = 0; pass < maxPasses; pass++) {
    const candidates = findings.filter((finding) => {
      const fix = safeFix(finding);
      return !fix || !excluded.has(fixKey(finding, fix, passes));
    });
    const plan = planFixAll(candidates);
    if (plan.edits.length === 0) break;
    const refused = checkPass?.(plan.edits, plan.applied);
    if (refused) return { refused };
    // Against the earlier passes only: two findings of one pass may share a key (one rule, twice on a call).
    const keys = plan.applied.map(({ finding, fix }) => [fixKey(finding, fix, passes), finding, fix] as const);
    for (const [key, finding, fix] of keys) {
      if (!taken.has(key)) continue;
      const given = first.findings.find((f) => {
        const own = safeFix(f);
        return own !== undefined && fixKey(f, own, []) === key;
      });
      return { notTaken: { key, finding: given ?? finding, fix } };
    }
    for (const [key] of keys) taken.add(key);
    passes.push(plan.edits);
    current = applyEdits(current, plan.edits);
    applied.push(...plan.applied);
    ({ findings, errors } = await analyse(current));
    if (errors > first.errors) {
      const added = errors - first.errors;
      return { refused: `the fixes would leave ${added} new syntax error${added === 1 ? '' : 's'}` };
    }
  }
  return { text: current, applied, remaining: findings };
}

/** What a fix left out did, in words a reader of the report follows. */
function describe({ finding, fix }: NotTaken): { finding: Finding; reason: string } {
  return {
    finding,
    reason: `the ${finding.code} fix "${fix.title}" was left out: after its edit the call still had the problem, so the edit does not reach where the call reads it`,
  };
}
