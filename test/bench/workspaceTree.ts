import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mentionsLlmSdk } from '../../src/core/analysis/analyze';
import { pythonFile, typescriptFile } from './generate';

const sdkNames =
  /client\.chat\.completions\.create|claude\.messages\.create|openai|anthropic|Anthropic|OpenAI|generateText|@ai-sdk\/openai|'ai'/g;

/**
 * A monorepo-like tree for the scan bench: `files` Python and TypeScript modules of about 120 lines in
 * packages/<n>/src/<m>/, one in twenty with LLM calls (two each), the rest ordinary code that never names an
 * SDK; plus a .gitignore and a node_modules folder the walk must skip. Returns the paths the scan should read.
 */
export function writeWorkspaceTree(root: string, files: number): string[] {
  const python = pythonFile(120);
  const typescript = typescriptFile(120);
  const plain = { py: python.replace(sdkNames, 'helper'), ts: typescript.replace(sdkNames, 'helper') };
  if (mentionsLlmSdk(plain.py) || mentionsLlmSdk(plain.ts) || !mentionsLlmSdk(python) || !mentionsLlmSdk(typescript)) {
    throw new Error('bench tree: the plain modules must not mention an SDK, the others must');
  }
  const written: string[] = [];
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, 'packages', `pkg${i % 50}`, 'src', `area${Math.floor(i / 50) % 8}`);
    mkdirSync(dir, { recursive: true });
    const ext = i % 2 === 0 ? 'py' : 'ts';
    const body = i % 20 === 0 ? (ext === 'py' ? python : typescript) : plain[ext];
    const file = path.join(dir, `module${i}.${ext}`);
    // A line of its own makes every file's content (and so its hash) different.
    writeFileSync(file, `${body}${ext === 'py' ? '#' : '//'} module ${i}\n`);
    written.push(file);
  }
  writeFileSync(path.join(root, '.gitignore'), 'generated/\n*.log\n');
  mkdirSync(path.join(root, 'node_modules', 'openai'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'openai', 'index.js'), typescript);
  return written;
}
