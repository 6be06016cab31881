import type { Finding, Fix, TextEdit } from './types';

function same(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Whether two edits touch the same text (two insertions at one offset do: their order would be a guess). */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (same(a, b)) return false;
  if (a.start === b.start && (a.start === a.end || b.start === b.end)) return true;
  return a.start < b.end && b.start < a.end;
}

/** The text with the edits applied (offsets all refer to `text`); throws when two overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const unique = edits.filter((edit, i) => edits.findIndex((other) => same(edit, other)) === i);
  const sorted = [...unique].sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) {
    if (overlaps(sorted[i], sorted[i - 1])) throw new Error('overlapping edits');
  }
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The fix fix-all applies for a finding: its preferred safe fix, else its first safe one. */
export function safeFix(finding: Finding): Fix | undefined {
  const safe = finding.fixes.filter((f) => f.safe);
  return safe.find((f) => f.preferred) ?? safe[0];
}

export interface FixAllPlan {
  /** Every edit to apply, without duplicates (two findings may share one, such as a constructor's new limit). */
  edits: TextEdit[];
  applied: { finding: Finding; fix: Fix }[];
  /** Findings with a safe fix that was left out because it overlaps one applied before it. */
  dropped: Finding[];
}

/**
 * The safe fixes of a file that can be applied together: in order of position, each finding's safe fix unless
 * one of its edits overlaps an edit already taken (then it is dropped, never merged).
 */
export function planFixAll(findings: readonly Finding[]): FixAllPlan {
  const plan: FixAllPlan = { edits: [], applied: [], dropped: [] };
  const ordered = [...findings].sort((a, b) => a.range.start - b.range.start);
  for (const finding of ordered) {
    const fix = safeFix(finding);
    if (!fix) continue;
    if (fix.edits.some((edit) => plan.edits.some((taken) => overlaps(edit, taken)))) {
      plan.dropped.push(finding);
      continue;
    }
    for (const edit of fix.edits) if (!plan.edits.some((taken) => same(edit, taken))) plan.edits.push(edit);
    plan.applied.push({ finding, fix });
  }
  return plan;
}
