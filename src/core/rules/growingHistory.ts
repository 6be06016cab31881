import type { ModelEntry } from '../pricing/types';
import { formatUsd } from '../cost';
import type { Advice, CallContext, Rule, RuleResult } from './types';

/**
 * The cost of a conversation of `turns` turns when the whole history is sent each time: turn k sends the
 * prompt plus k − 1 earlier exchanges (a user message and an answer each), so input grows with k and the
 * total with turns². Output and the first turn's input are what a single call costs.
 */
export function conversationCost(
  entry: ModelEntry,
  firstInputTokens: number,
  exchangeTokens: number,
  outputTokens: number,
  turns: number,
): number {
  const input = entry.prices.input.usd;
  const output = entry.prices.output?.usd ?? 0;
  const inputTokens = turns * firstInputTokens + (exchangeTokens * turns * (turns - 1)) / 2;
  return (inputTokens * input + turns * outputTokens * output) / 1e6;
}

const advice: Advice = {
  title: 'How to keep a conversation from growing without bound',
  text: [
    '**Window it**: send the system prompt and the last N turns (`messages[-N:]` / `messages.slice(-N)`), or drop the oldest turns once the history passes a token budget.',
    '**Summarise it**: when the history passes a budget, replace the oldest turns with one short summary message (written by a cheap model) and keep the recent turns verbatim.',
    '**Cache the stable part**: with the history trimmed, put a `cache_control` marker (Anthropic) after the system prompt so that the unchanging prefix is read at a tenth of the price.',
  ].join('\n\n'),
};

export const growingHistory: Rule = {
  code: 'growing-history',
  defaultSeverity: 'warning',
  title: 'A conversation history sent whole on every turn',
  help: 'A message list appended to in a loop or across turns and sent whole on every call, with no trimming in the same scope, makes every turn pay again for all the turns before it: input grows each turn and the cost of N turns grows with N². Window or summarise the history. There is no automatic fix; the action explains both.',
  fixable: 'none',
  check(context: CallContext): RuleResult | null {
    const { call, entry, cost, costSettings } = context;
    const history = call.history;
    if (!history) return null;
    const each = call.history?.per === 'loop' ? 'iteration of the loop' : 'turn';
    let figures = '';
    // The first turn sends the prompt and one user message; every turn after it adds an exchange.
    const first = context.estimate({
      ...call,
      messages: [{ role: 'user', segments: [{ kind: 'dynamic', expression: 'the first message' }] }],
    });
    if (entry && first.inputTokens !== null && cost.outputTokens) {
      const output = cost.outputTokens.expected;
      const exchange = costSettings.dynamicPartTokens + output;
      const turns = history.maxTurns;
      if (turns) {
        // A bounded loop: what its calls cost in all, and how much of it is the earlier turns sent again.
        const all = conversationCost(entry, first.inputTokens, exchange, output, turns);
        const resent = all - turns * conversationCost(entry, first.inputTokens, exchange, output, 1);
        figures = `: the loop runs at most ${turns} times, and its ${turns} calls cost ${formatUsd(all)}, ${formatUsd(resent)} of it for earlier turns sent again`;
      } else {
        const ten = conversationCost(entry, first.inputTokens, exchange, output, 10);
        const fifty = conversationCost(entry, first.inputTokens, exchange, output, 50);
        figures = `: a conversation of 10 turns costs ${formatUsd(ten)}, one of 50 turns ${formatUsd(fifty)} (${(fifty / ten).toFixed(0)}× for 5× the turns)`;
      }
    }
    return {
      message: `\`${history.variable}\` grows every ${each} and is sent whole with no trimming${figures}`,
      range: call.sites.messages?.where === 'call' ? call.sites.messages.value : undefined,
      advice,
    };
  },
};
