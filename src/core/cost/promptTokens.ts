import type { CallRecord, PromptSegment } from '../analysis/types';
import { chatOverheadTokens, countTokensForFamily, type CountOptions } from '../tokens/count';
import type { TokenizerFamily } from '../tokens/family';

export interface PromptTokens {
  total: number;
  /** Tokens of the text written in the code. */
  staticTokens: number;
  staticExact: boolean;
  dynamicParts: number;
  dynamicTokens: number;
  overheadTokens: number;
  /** Tokens of the static text before the first dynamic part: what a prompt cache can hold. */
  staticPrefixTokens: number;
  /** True only when every part was counted exactly (no dynamic part, exact tokenizer). */
  exact: boolean;
}

/**
 * Counts what a call sends: static text exactly (or estimated, for models without an offline tokenizer),
 * each dynamic part at the configured size, plus the chat format's per-message tokens.
 */
export function countPromptTokens(
  call: CallRecord,
  family: TokenizerFamily,
  dynamicPartTokens: number,
  chat: boolean,
  options: CountOptions = {},
): PromptTokens {
  const groups: PromptSegment[][] = [];
  if (call.systemPrompt.segments.length > 0) groups.push(call.systemPrompt.segments);
  for (const message of call.messages) groups.push(message.segments);
  // A call whose input is not written in it (`messages=history`) still sends something.
  if (groups.length === 0 || groups.every((g) => g.length === 0)) groups.push([{ kind: 'dynamic', expression: '?' }]);
  let staticTokens = 0;
  let staticExact = true;
  let dynamicParts = 0;
  let prefix = 0;
  let inPrefix = true;
  for (const segment of groups.flat()) {
    if (segment.kind === 'dynamic') {
      dynamicParts++;
      inPrefix = false;
      continue;
    }
    const counted = countTokensForFamily(segment.text, family, options);
    staticTokens += counted.tokens;
    staticExact &&= counted.exact;
    if (inPrefix) prefix += counted.tokens;
  }
  const overheadTokens = chat ? chatOverheadTokens(groups.length) : 0;
  const dynamicTokens = dynamicParts * dynamicPartTokens;
  return {
    total: staticTokens + dynamicTokens + overheadTokens,
    staticTokens,
    staticExact,
    dynamicParts,
    dynamicTokens,
    overheadTokens,
    staticPrefixTokens: prefix,
    exact: staticExact && dynamicParts === 0,
  };
}
