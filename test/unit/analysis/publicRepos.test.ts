import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { withModelCandidates } from '../../../src/core/analysis/modelCandidates';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { wasmDir } from '../helpers/paths';

// Call shapes met in public repositories (named per case) that the analyser misread.

const host = new ParserHost(wasmDir);
after(() => host.dispose());

/** The prompt's text, segment by segment (a dynamic part as its expression). */
function promptText(call: CallRecord): string[] {
  return call.messages.flatMap((m) => m.segments.map((s) => (s.kind === 'static' ? s.text : `{${s.expression}}`)));
}

async function calls(text: string, languageId: LanguageId = 'python'): Promise<CallRecord[]> {
  return (await analyze(text, languageId, 'x', host)).calls;
}

describe('call shapes from public repositories', () => {
  it("reads the Gemini Interactions API's input as the prompt and its agent as the model (gemini cookbook)", async () => {
    const text = [
      'from google import genai',
      'client = genai.Client()',
      'MODEL_ID = "gemini-2.5-flash"',
      'AGENT = "deep-research-pro-preview-12-2025"',
      'a = client.interactions.create(model=MODEL_ID, input="Give me python code to sort a list")',
      'b = client.interactions.create(agent=AGENT, input="Research the history of TPUs.", background=True)',
      'def ask(name):',
      '    return client.interactions.create(model=name, input="Hi")',
      'def research(name):',
      '    return client.interactions.create(agent=name, input="Hi")',
      '',
    ].join('\n');
    const [plain, agent, modelCall, agentCall] = withModelCandidates(await calls(text));
    assert.ok(plain && agent);
    assert.equal(plain.model, 'gemini-2.5-flash');
    assert.deepEqual(promptText(plain), ['Give me python code to sort a list']);
    assert.equal(agent.model, 'deep-research-pro-preview-12-2025');
    assert.equal(agent.modelVia, 'constant');
    assert.deepEqual(promptText(agent), ['Research the history of TPUs.']);
    // An agent is no candidate for a model, nor a model for an agent.
    assert.deepEqual(modelCall?.modelCandidates, ['gemini-2.5-flash']);
    assert.deepEqual(agentCall?.modelCandidates, ['deep-research-pro-preview-12-2025']);
  });
});
