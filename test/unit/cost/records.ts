import type { CallRecord, PromptSegment } from '../../../src/core/analysis/types';

/** A call record built by hand: only what the cost estimate reads matters. */
export function callRecord(fields: Partial<CallRecord> & { model: string | null }): CallRecord {
  return {
    file: 'app.py',
    range: { start: 0, end: 1 },
    line: 1,
    column: 1,
    sdk: 'openai',
    api: 'chat.completions.create',
    modelVia: 'literal',
    modelSource: null,
    outputLimit: false,
    outputLimitParam: null,
    outputLimitValue: null,
    stream: false,
    inLoop: false,
    batch: false,
    batchRequests: null,
    systemPrompt: { kind: 'none', segments: [] },
    messages: [{ role: 'user', segments: [dynamic('question')] }],
    baseUrl: null,
    caching: { explicit: false, ttl: null, markers: [] },
    callsPerDay: null,
    argumentRanges: { args: { start: 0, end: 1 } },
    loopKind: null,
    inRequestHandler: false,
    reasoningEffort: null,
    features: { tools: false, vision: false, structuredOutput: false, enumOutput: false },
    history: null,
    sites: { options: null, constructorOptions: null, complete: true },
    ...fields,
  };
}

export const dynamic = (expression: string): PromptSegment => ({ kind: 'dynamic', expression });
export const text = (value: string): PromptSegment => ({ kind: 'static', text: value });

/** Dollar figures are sums of products of decimals: equal to within a nano-dollar. */
export function near(actual: number | undefined, expected: number, what = ''): void {
  if (actual === undefined || Math.abs(actual - expected) > 1e-9) {
    throw new Error(`${what}: expected $${expected}, got $${actual}`);
  }
}
