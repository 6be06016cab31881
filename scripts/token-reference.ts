// Writes test/fixtures/tokens/reference.json: exact o200k_base / cl100k_base counts of a mixed text set, made
// once by an independent exact tokenizer (gpt-tokenizer, which agrees with OpenAI's tiktoken), so the unit tests
// check the project's counter against something other than the library it is built on.
// Usage: node esbuild.js --tests && node out/scripts/token-reference.js
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Encoder {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

// Special-token text is counted as ordinary text, as the product does: no special token is allowed or refused.
const ordinary = { disallowedSpecial: new Set<string>() };

function encoder(name: 'o200k_base' | 'cl100k_base'): Encoder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS build, chosen by name
  return require(`gpt-tokenizer/cjs/encoding/${name}`) as Encoder;
}

function texts(): Record<string, string> {
  const repeat = (s: string, n: number): string => Array.from({ length: n }, () => s).join('');
  return {
    prose:
      'You are a helpful assistant. Answer the question in three sentences or fewer, and cite the document you used. ' +
      "If you don't know, say so — don't guess. It's 5 o'clock; they'll arrive at 6:30pm.",
    python:
      'def score(items: list[dict]) -> float:\n    """Average of the scores."""\n    total = sum(i["score"] for i in items)\n' +
      '    return total / max(len(items), 1)\n\nprint(f"{score([{\'score\': 3}]):.2f}")\n',
    typescript:
      'export async function main(): Promise<void> {\n  const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n' +
      "  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n}\n",
    json: JSON.stringify(
      { name: 'llm-cost-lens', version: '0.1.0', prices: [2.5, 10, 1.25], nested: { a: null, b: true } },
      null,
      2,
    ),
    minifiedJson: JSON.stringify(Array.from({ length: 60 }, (_, i) => ({ id: i, key: `k${i}`, v: i * 3.5 }))),
    cjk: '大型语言模型的费用取决于输入和输出的令牌数量。日本語の文章も試します：東京は晴れです。한국어 문장도 포함합니다.',
    emoji: 'Launch 🚀🚀 done ✅ family 👨‍👩‍👧‍👦 flags 🇫🇷🇯🇵 skin 👍🏽 rainbow 🏳️‍🌈',
    crlf: 'line one\r\nline two\r\n\r\n  indented\r\n\tTabbed\r\nend',
    specialTokens: 'Text with <|endoftext|> and <|im_start|>system<|im_end|> and <|fim_prefix|> inside a prompt.',
    whitespace: '   leading\n\n\n\nmany blank lines      trailing spaces   \t\t\n',
    numbers: '3.14159 2,718 1000000 0x1F 1e-9 123456789012345',
    accents: 'Ça coûte cher : naïve façade, Ångström, Düsseldorf, São Paulo, Kraków.',
    rtlAndIndic: 'مرحبا بالعالم — नमस्ते दुनिया — שלום עולם',
    url: 'See https://platform.openai.com/docs/guides/prompt-caching?lang=python#requirements for details.',
    base64: Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256)).toString('base64'),
    longLetters: repeat('a', 5000),
    longMixedRun: repeat('abcXYZ', 1500),
    longPunctuation: repeat('=-', 2000),
    longCjkRun: repeat('漢字かな', 800),
    longSpaces: repeat(' ', 3000) + 'x',
  };
}

function main(): void {
  const o200k = encoder('o200k_base');
  const cl100k = encoder('cl100k_base');
  const cases = Object.entries(texts()).map(([name, text]) => ({
    name,
    text,
    o200k_base: o200k.countTokens(text, ordinary),
    cl100k_base: cl100k.countTokens(text, ordinary),
  }));
  const out = path.join(__dirname, '..', '..', 'test', 'fixtures', 'tokens', 'reference.json');
  const generator = 'gpt-tokenizer 4.0.0 (exact; agrees with tiktoken), special-token text counted as ordinary text';
  fs.writeFileSync(out, `${JSON.stringify({ generator, cases }, null, 2)}\n`);
  console.log(`${cases.length} cases → ${path.relative(process.cwd(), out)}`);
}

main();
