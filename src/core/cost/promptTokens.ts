import type { CallRecord, PromptMessage, PromptSegment } from '../analysis/types';
import { chatOverheadTokens, countTokensForFamily, type CountOptions } from '../tokens/count';
import type { TokenizerFamily } from '../tokens/family';

export interface PromptTokens {
  total: number;
  /** Tokens of the text written in the code. */
  staticTokens: number;
  staticExact: boolean;
  /** Of the static tokens, those of the tool definitions (`tools=[...]`). */
  toolTokens: number;
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
  // A chat session's message goes with every turn before it: the session sends its history each time.
  if (chatSessionApis.has(call.api) && call.messages.length === 1) return true;
  const site = call.sites.messages;
  if (!site || !conversationParams.has(site.name) || call.messages.length !== 1) return false;
  const range = only.range ?? message.range;
  // The value may end in a type assertion the part leaves out (`messages as ChatCompletionMessageParam[]`).
  if (range && (range.start !== site.value.start || range.end > site.value.end)) return false;
  // A LangChain model's input is a text or a list of messages alike (`llm.invoke(question)`).
  const either = textOrTurns.has(site.name) || call.sdk === 'langchain';
  return !either || readsAsTurns(only.expression);
}

/** Gemini's chat sessions (`chat.send_message(text)`, `chat.sendMessageStream(parts)`). */
const chatSessionApis = new Set(['send_message', 'send_message_stream']);

/** Parameters that take one text or a list of turns: `input=prompt` (Responses), `contents=chunk` (Gemini). */
const textOrTurns = new Set(['input', 'contents']);
/** Words of a name that hold turns: a plural (`messages`, `input_items`) or a conversation's own word. */
const turnsWord = /(?<!s)s$|^(history|conversation|chat|dialog|dialogue|thread|memory|context|transcript)$/;

/**
 * Whether a name given as `input`/`contents` (or a LangChain model's input) reads as a list of turns. A call or
 * other expression (`build(q)`) may return either and counts as turns, as before; a name with no word of turns in
 * it (`prompt`, `chunk`, `user_input`, `self.question`) is one text, one dynamic part.
 */
function readsAsTurns(expression: string): boolean {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(expression)) return true;
  const name = expression.slice(expression.lastIndexOf('.') + 1);
  const words = name.split(/_|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  return words.some((word) => turnsWord.test(word.toLowerCase()));
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
  let toolTokens = 0;
  // Tool definitions go before the system prompt, in the cached prefix too; they are no message of their own.
  for (const segment of call.toolDefinitions ?? []) {
    if (segment.kind !== 'static') continue;
    const counted = countTokensForFamily(segment.text, family, options);
    toolTokens += counted.tokens;
    staticExact &&= counted.exact;
  }
  staticTokens += toolTokens;
  prefix += toolTokens;
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
    toolTokens,
    dynamicParts,
    dynamicTokens,
    conversations,
    historyTokens,
    overheadTokens,
    staticPrefixTokens: prefix,
    exact: staticExact && dynamicParts === 0 && conversations.length === 0,
  };
}
