import type { ParamSite, TextRange } from '../analysis/types';
import { formatTokens, formatUsd } from '../cost';
import { entryFor, insertEntry, quoteFor, readersOf, replaceStringText, stringLiteral } from './edits';
import { modelNamed, reasoningEffortOf } from './facts';
import { sizedLimit } from './limitParameter';
import { formatMonthly, volume } from './money';
import type { CallContext, Fix, Rule, RuleResult, TextEdit } from './types';

/** Below this many output tokens, reasoning can use the whole limit before the answer starts. */
export const starvedBelow = 1024;
/** Efforts that leave room for the answer under a small limit. */
const lowEfforts = new Set(['minimal', 'low']);

/** The number literal that sets the limit, when a fix may change it (in the call, or a constant only this call reads). */
function limitLiteral(context: CallContext, site: ParamSite): TextRange | null {
  const literal = site.literal ?? site.value;
  if (!/^\d[\d_]*$/.test(context.text.slice(literal.start, literal.end))) return null;
  return site.literal && readersOf(context.calls, 'outputLimit', site.literal) > 1 ? null : literal;
}

function effortEdits(context: CallContext): TextEdit[] | null {
  const { call, text, languageId } = context;
  const quote = quoteFor(text, languageId, call.range);
  const existing = call.sites.reasoningEffort;
  if (existing) {
    const literal = existing.literal ?? existing.value;
    const edit = replaceStringText(text, literal, 'low');
    return edit && !(existing.literal && readersOf(context.calls, 'outputLimit', literal) > 1) ? [edit] : null;
  }
  const site = call.sites.options;
  if (!site || call.sdk !== 'openai') return null;
  if (call.api.startsWith('responses')) {
    const inner =
      languageId === 'python'
        ? `{${stringLiteral('effort', quote)}: ${stringLiteral('low', quote)}}`
        : `{ effort: ${stringLiteral('low', quote)} }`;
    return insertEntry(text, languageId, site, entryFor(text, languageId, site, 'reasoning', inner));
  }
  return insertEntry(
    text,
    languageId,
    site,
    entryFor(text, languageId, site, 'reasoning_effort', stringLiteral('low', quote)),
  );
}

export const reasoningStarvesOutput: Rule = {
  code: 'reasoning-starves-output',
  defaultSeverity: 'warning',
  title: 'Reasoning can use up the whole output limit',
  help: 'A reasoning model spends output tokens on reasoning before it writes the answer, and they count against the output limit. With a limit under 1,024 and no low reasoning effort, the reasoning can use it all: the call is billed and the answer is empty. The fix raises the limit (or sets the effort low).',
  fixable: 'safe',
  check(context: CallContext): RuleResult | null {
    const { call, entry, cost } = context;
    const site = call.sites.outputLimit;
    const limit = call.outputLimitValue;
    if (!site || limit === null || limit >= starvedBelow || !entry) return null;
    const reasoning = reasoningEffortOf(call, entry, context.costSettings);
    if (reasoning === null || lowEfforts.has(reasoning)) return null;
    const fixes: Fix[] = [];
    const literal = limitLiteral(context, site);
    const raised = Math.max(sizedLimit(context).value, context.settings.outputLimits.reasoning);
    if (literal) {
      fixes.push({
        title: `Raise ${site.name} to ${raised}`,
        edits: [{ start: literal.start, end: literal.end, newText: String(raised) }],
        safe: true,
        preferred: true,
      });
    }
    const effort = effortEdits(context);
    if (effort) fixes.push({ title: 'Set the reasoning effort to low', edits: effort, safe: false });
    const worstPerCall = cost.costPerCallUsd?.worst;
    const worstMonthly = cost.monthlyUsd?.worst;
    const paid =
      worstPerCall !== undefined && worstPerCall !== null && worstMonthly !== undefined && worstMonthly !== null
        ? `; an empty answer is still billed, up to ${formatUsd(worstPerCall)} per call (${formatMonthly(worstMonthly)}/month at ${volume(cost)})`
        : '';
    return {
      message: `${modelNamed(call, entry)} reasons before it answers and ${site.name}=${formatTokens(limit)} counts the reasoning too: it can use the whole limit and return an empty answer${paid}`,
      range: site.entry,
      fixes,
    };
  },
};
