import type { CallRecord, PromptMessage, PromptSegment } from '../analysis/types';
import { chatOverheadTokens, countTokensForFamily, type CountOptions } from '../tokens/count';
import type { TokenizerFamily } from '../tokens/family';

export interface PromptTokens {
  total: number;
  /** Tokens of the text written in the code. */
  staticTokens: number;
  staticExact: boolean;
  /** Dynamic parts sized as one part each (a variable, a field of a template). */
  dynamicParts: number;
  dynamicTokens: number;
  /** Conversations sent whole (`messages=history`, `*history`), each sized as the history setting. */
  conversations: string[];
  historyTokens: number;
  overheadTokens: number;
  /** Tokens of the static text before the first dynamic part: what a prompt cache can hold. */
  staticPrefixTokens: number;
  /** True only when every part was counted exactly (no dynamic part, exact tokenizer). */
  exact: boolean;
}

export interface PromptSizes {
  dynamicPartTokens: number;
  historyTokens: number;
}

/** Parameters that carry a conversation (a list of turns) when given whole; `prompt`/`text` carry one text. */
const conversationParams = new Set(['messages', 'contents', 'input', 'history', 'chat_history']);

/**
 * A message that stands for a whole conversation: the messages argument given as one expression
 * (`messages=history`, `contents=chat_turns`, `input=build(q)`), or a list spliced into the messages
 * (`*history`, `...history`). A single message built from a variable (`[msg]`, `{"content": q}`) is not one.
 */
export function isConversation(message: PromptMessage, call: CallRecord): boolean {
  const [only, ...rest] = message.segments;
  if (message.role !== 'unknown' || !only || rest.length > 0 || only.kind !== 'dynamic') return false;
  if (/^(\*|\.\.\.)/.test(only.expression)) return true;
  const site = call.sites.messages;
  if (!site || !conversationParams.has(site.name) || call.messages.length !== 1) return false;
  const range = only.range ?? message.range;
  return !range || (range.start === site.value.start && range.end === site.value.end);
}

/**
 * Counts what a call sends: static text exactly (or estimated, for models without an offline tokenizer),
 * each dynamic part at the configured size, a conversation sent whole at the history size (chat models only),
 * plus the chat format's per-message tokens.
 */
export function countPromptTokens(
  call: CallRecord,
  family: TokenizerFamily,
  sizes: PromptSizes,
  chat: boolean,
  options: CountOptions = {},
): PromptTokens {
  const groups: { segments: PromptSegment[]; conversation: boolean }[] = [];
  if (call.systemPrompt.segments.length > 0) groups.push({ segments: call.systemPrompt.segments, conversation: false });
  for (const message of call.messages) {
    groups.push({ segments: message.segments, conversation: chat && isConversation(message, call) });
  }
  // A call whose input is not written in it still sends something.
  if (groups.every((g) => g.segments.length === 0)) {
    groups.push({ segments: [{ kind: 'dynamic', expression: '?' }], conversation: false });
  }
  let staticTokens = 0;
  let staticExact = true;
  let dynamicParts = 0;
  const conversations: string[] = [];
  let prefix = 0;
  let inPrefix = true;
  for (const group of groups) {
    for (const segment of group.segments) {
      if (segment.kind === 'dynamic') {
        if (group.conversation) conversations.push(segment.expression);
        else dynamicParts++;
        inPrefix = false;
        continue;
      }
      const counted = countTokensForFamily(segment.text, family, options);
      staticTokens += counted.tokens;
      staticExact &&= counted.exact;
      if (inPrefix) prefix += counted.tokens;
    }
  }
  const overheadTokens = chat ? chatOverheadTokens(groups.length) : 0;
  const dynamicTokens = dynamicParts * sizes.dynamicPartTokens;
  const historyTokens = conversations.length * sizes.historyTokens;
  return {
    total: staticTokens + dynamicTokens + historyTokens + overheadTokens,
    staticTokens,
    staticExact,
    dynamicParts,
    dynamicTokens,
    conversations,
    historyTokens,
    overheadTokens,
    staticPrefixTokens: prefix,
    exact: staticExact && dynamicParts === 0 && conversations.length === 0,
  };
}
