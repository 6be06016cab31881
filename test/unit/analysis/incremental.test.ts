import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeTree } from '../../../src/core/analysis/analyze';
import { DocumentAnalyzer } from '../../../src/core/analysis/incremental';
import { DocumentTrees } from '../../../src/core/parsing/documentTrees';
import { ParserHost } from '../../../src/core/parsing/host';
import type { LanguageId } from '../../../src/core/parsing/languages';
import { fixturesDir, wasmDir } from '../helpers/paths';
import { pick, prng } from './random';

const fixtures: [string, LanguageId][] = [
  ['openai-python/chat_service.py', 'python'],
  ['anthropic-python/support_bot.py', 'python'],
  ['openai-typescript/route.ts', 'typescript'],
  ['vercel-ai-typescript/route.tsx', 'typescriptreact'],
  // Prompt blocks, cache markers, a Gemini config and a LangChain constructor: every kind of fix range.
  ['anthropic-typescript/agent.ts', 'typescript'],
  ['google-python/gemini_app.py', 'python'],
  ['langchain-python/rag_chain.py', 'python'],
];

/** Edits of the kinds typing makes: mostly ones that keep the code valid (in strings, names, numbers, blank lines), some that break it. */
function randomEdit(random: () => number, text: string): { start: number; oldEnd: number; newText: string } {
  const kind = random();
  const at = (pattern: RegExp): number => {
    const matches = [...text.matchAll(pattern)];
    return matches.length > 0 ? (pick(random, matches).index ?? 0) : Math.floor(random() * text.length);
  };
  if (kind < 0.25) {
    const start = at(/"[a-z ]{3,}|'[a-z ]{3,}/g) + 2;
    return { start, oldEnd: start + (random() < 0.5 ? 1 : 0), newText: pick(random, ['x', ' ', 'gpt', '']) };
  }
  if (kind < 0.45) {
    const start = at(/[A-Za-z_]{4,}/g) + 1;
    return { start, oldEnd: start, newText: pick(random, ['x', 'e', '_']) };
  }
  if (kind < 0.6) {
    const start = at(/\d+/g);
    return { start, oldEnd: start + 1, newText: pick(random, ['1', '9', '0']) };
  }
  if (kind < 0.75) {
    const start = at(/\n/g);
    return { start, oldEnd: start, newText: pick(random, ['\n', '\n\n', ' ']) };
  }
  const start = Math.floor(random() * text.length);
  return {
    start,
    oldEnd: Math.min(text.length, start + Math.floor(random() * 3)),
    newText: pick(random, ['(', '"', '# ', 'x', '']),
  };
}

describe('incremental re-analysis', () => {
  it('gives the same records (every range in them included) as a full analysis after each of 525 random edits', async () => {
    const host = new ParserHost(wasmDir);
    const random = prng(20261128);
    for (const [fixture, languageId] of fixtures) {
      let text = readFileSync(path.join(fixturesDir, 'analysis', fixture), 'utf8');
      const trees = new DocumentTrees(host);
      const analyzer = new DocumentAnalyzer();
      let version = 0;
      analyzer.analyze((await trees.update('doc', text, version, languageId)).tree, text, languageId, fixture);
      for (let i = 1; i <= 75; i++) {
        const change = randomEdit(random, text);
        const removed = text.slice(change.start, change.oldEnd);
        // A breaking edit is undone at once, so that most edits run between valid trees (the incremental path).
        const undo = { start: change.start, oldEnd: change.start + change.newText.length, newText: removed };
        for (const step of [change, undo]) {
          text = text.slice(0, step.start) + step.newText + text.slice(step.oldEnd);
          version++;
          const { tree, changedRanges } = trees.updateSync('doc', text, version, languageId, [step]);
          const incremental = analyzer.analyze(tree, text, languageId, fixture, [step], changedRanges);
          const full = analyzeTree(tree, text, languageId, fixture);
          assert.deepEqual(incremental, full, `${fixture} after edit ${i}: ${JSON.stringify(step)}`);
          if (!tree.rootNode.hasError) break;
        }
      }
      trees.dispose();
    }
    host.dispose();
  });
});
