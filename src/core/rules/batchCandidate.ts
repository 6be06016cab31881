import type { Sdk } from '../analysis/types';
import { isEmbeddingApi } from '../sdk';
import type { Provider } from '../pricing/types';
import { formatMonthly, monthlySaving, volume } from './money';
import type { Advice, CallContext, Rule, RuleResult } from './types';

/** How each provider's batch API is used, for the advice. */
const batchApis: Partial<Record<Provider, { name: string; how: string }>> = {
  openai: {
    name: 'OpenAI Batch API',
    how: [
      'Write one JSON line per request to a file: `{"custom_id": "row-1", "method": "POST", "url": "/v1/chat/completions", "body": {...the same parameters...}}` (or `/v1/responses`, `/v1/embeddings`).',
      'Upload it with `client.files.create(file=..., purpose="batch")`, then `client.batches.create(input_file_id=file.id, endpoint="/v1/chat/completions", completion_window="24h")`.',
      'Poll `client.batches.retrieve(batch.id)` and read the results file; match answers by `custom_id`. Up to 50,000 requests or 200 MB per file; 50% off input and output.',
    ].join('\n\n'),
  },
  anthropic: {
    name: 'Anthropic Message Batches API',
    how: [
      'Collect the requests as `{"custom_id": "row-1", "params": {...the same Messages parameters...}}` and send them in one `client.messages.batches.create(requests=[...])`.',
      'Poll `client.messages.batches.retrieve(batch.id)` until `processing_status` is `ended`, then iterate `client.messages.batches.results(batch.id)`; match by `custom_id` (letters, digits, `_` and `-`, up to 64).',
      'Up to 100,000 requests or 256 MB; most finish within an hour, all within 24 hours. 50% off input and output, and prompt caching discounts stack on top.',
    ].join('\n\n'),
  },
  google: {
    name: 'Gemini Batch API',
    how: [
      'Build the requests inline (`[{"contents": [...], "config": {...}}]`) or as a JSONL file uploaded with `client.files.upload(...)`.',
      'Submit them with `client.batches.create(model="...", src=requests)`, poll `client.batches.get(name=job.name)` until it succeeds, then read `job.dest`. 50% off; up to 24 hours.',
    ].join('\n\n'),
  },
  mistral: {
    name: 'Mistral Batch API',
    how: 'Upload a JSONL file of requests (`custom_id`, `body`) with `client.files.upload(..., purpose="batch")`, start it with `client.batch.jobs.create(input_files=[file.id], model="...", endpoint="/v1/chat/completions")` and read the output file when the job succeeds. 50% off.',
  },
};

const conversational = /send_message|sendMessage/;
/** Messages read from a conversation object (`conversation_history.get_turns()`): each turn waits for the last answer. */
const conversationMessages = /histor|conversation|dialog|turns|transcript|chat_?log|memory/i;

/** SDKs whose calls are the provider's own request format (a wrapper's calls need the provider SDK for batches). */
const direct = new Set<Sdk>(['openai', 'anthropic', 'google', 'mistral']);

export const batchCandidate: Rule = {
  code: 'batch-candidate',
  defaultSeverity: 'info',
  title: 'A loop of calls the batch API would halve',
  help: "A billable call in a loop over data, outside a request handler, usually does not need its answer within seconds. The provider's batch API runs the same requests within 24 hours (most within one) at half the price of input and output. No edit does this for you: the action explains the batch API of this SDK.",
  fixable: 'none',
  check(context: CallContext): RuleResult | null {
    const { call, entry, cost } = context;
    if (!call.loopKind || call.loopKind === 'while' || call.inRequestHandler || call.stream || call.batch) return null;
    // A loop that sends the same prompt each turn sweeps a setting or repeats a request: no data to batch.
    if (call.loopFeedsPrompt === false) return null;
    // A conversation (a chat session's turns, a growing history) needs each answer before the next request.
    if (conversational.test(call.api) || call.history) return null;
    const messages = call.sites.messages;
    if (messages && conversationMessages.test(context.text.slice(messages.value.start, messages.value.end)))
      return null;
    const api = entry ? batchApis[entry.provider] : undefined;
    if (!entry || !api || !entry.prices.batchInput) return null;
    const saving = monthlySaving(cost, context.estimate({ ...call, batch: true }));
    if (saving === null || saving <= 0) return null;
    const through = direct.has(call.sdk) ? '' : ` (through the ${entry.provider} SDK: ${call.sdk} calls do not batch)`;
    const advice: Advice = {
      title: `How to use the ${api.name}`,
      text: `**${api.name}**${through}\n\n${api.how}`,
    };
    // Vectors are often needed at once (chunks embedded and averaged): one request takes the whole list anyway.
    const message = isEmbeddingApi(call.api)
      ? `Embeddings requested one at a time in a loop: one request takes the whole list (\`input=[...]\`), and when the vectors are not needed at once (an index built ahead) the ${api.name} would halve it, saving ${formatMonthly(saving)}/month at ${volume(cost)}`
      : `Called in a loop over data outside a request handler: the ${api.name} would halve it, saving ${formatMonthly(saving)}/month at ${volume(cost)}`;
    return {
      message,
      advice,
      monthlySavingUsd: saving,
    };
  },
};
