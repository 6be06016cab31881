import { batchCandidate } from './batchCandidate';
import { cacheablePromptNotCached } from './cacheablePromptNotCached';
import { cacheBelowMinimum } from './cacheBelowMinimum';
import { cacheBreakingPrefix } from './cacheBreakingPrefix';
import { growingHistory } from './growingHistory';
import { maxTokensRejected } from './maxTokensRejected';
import { missingOutputLimit } from './missingOutputLimit';
import { premiumModelForSimpleTask } from './premiumModelForSimpleTask';
import { reasoningStarvesOutput } from './reasoningStarvesOutput';
import { tooManyCacheBreakpoints } from './tooManyCacheBreakpoints';
import type { Rule, RuleCode, RuleMeta } from './types';
import { unknownModel } from './unknownModel';

/** Every rule, in the order their findings are listed for one call. */
export const rules: readonly Rule[] = [
  maxTokensRejected,
  tooManyCacheBreakpoints,
  missingOutputLimit,
  reasoningStarvesOutput,
  unknownModel,
  cacheablePromptNotCached,
  cacheBreakingPrefix,
  cacheBelowMinimum,
  premiumModelForSimpleTask,
  batchCandidate,
  growingHistory,
];

/** Where the rule pages live: `docs/rules/<code>.md` of the repository. */
export const ruleDocsBase = 'https://github.com/llm-cost-lens/llm-cost-lens/blob/main/docs/rules/';

export function ruleDocUrl(code: RuleCode): string {
  return `${ruleDocsBase}${code}.md`;
}

/** A rule's metadata (for documentation, settings and SARIF), with its documentation page. */
export function ruleMeta(code: RuleCode): (RuleMeta & { docUrl: string }) | undefined {
  const rule = rules.find((r) => r.code === code);
  if (!rule) return undefined;
  const { defaultSeverity, title, help, fixable } = rule;
  return { code, defaultSeverity, title, help, fixable, docUrl: ruleDocUrl(code) };
}
