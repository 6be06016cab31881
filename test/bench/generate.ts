/** Generated source files for the bench: ordinary code with an LLM call every ~65 lines (an LLM-heavy file). */

export function pythonFile(lines: number): string {
  const out: string[] = [
    'import os',
    'from openai import OpenAI',
    'from anthropic import Anthropic',
    '',
    'client = OpenAI()',
    'claude = Anthropic()',
    'MODEL = os.getenv("MODEL", "gpt-4o-mini")',
    'SYSTEM = "You are a helpful assistant for the billing team."',
    '',
  ];
  const boundaries: number[] = [];
  for (let i = 0; out.length < lines; i++) {
    boundaries.push(out.length);
    out.push(
      `class Service${i}:`,
      `    """Handles batch ${i} of the nightly jobs."""`,
      `    retries = ${i % 5}`,
      '',
      `    def __init__(self, name: str, limit: int = ${100 + i}):`,
      '        self.name = name',
      '        self.limit = limit',
      '        self.items = []',
      '',
      '    def load(self, rows):',
      '        for row in rows:',
      '            if row.get("skip"):',
      '                continue',
      '            self.items.append({"id": row["id"], "value": row["value"] * 2})',
      '        return len(self.items)',
      '',
      '    def total(self):',
      '        return sum(item["value"] for item in self.items if item["value"] > 0)',
      '',
      '    def describe(self, prefix="item"):',
      '        parts = [f"{prefix}-{item[\'id\']}" for item in self.items]',
      '        return ", ".join(parts)',
      '',
      '    def ask(self, question: str) -> str:',
      i % 2 === 0 ? '        response = client.chat.completions.create(' : '        response = self.cache.lookup(',
      '            model=MODEL,',
      '            messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}],',
      '            max_tokens=300,',
      '        )',
      '        return response.choices[0].message.content',
      '',
      '    def review(self, text: str):',
      i % 4 === 0
        ? `        return claude.messages.create(model="claude-haiku-4-5", max_tokens=${200 + i}, messages=[{"role": "user", "content": text}])`
        : `        return self.cache.store(key="claude-haiku-4-5", size=${200 + i}, entries=[{"role": "user", "content": text}])`,
      '',
      '    def stats(self):',
      '        values = [item["value"] for item in self.items]',
      '        if not values:',
      '            return {"min": None, "max": None}',
      '        return {"min": min(values), "max": max(values), "count": len(values)}',
      '',
      '    def export(self, path):',
      '        with open(path, "w") as handle:',
      '            for item in self.items:',
      "                handle.write(f\"{item['id']},{item['value']}\\n\")",
      '        return path',
      '',
      '',
    );
  }
  return finish(out, boundaries, lines, '#');
}

export function typescriptFile(lines: number): string {
  const out: string[] = [
    "import OpenAI from 'openai';",
    "import { generateText } from 'ai';",
    "import { openai as provider } from '@ai-sdk/openai';",
    '',
    'const openai = new OpenAI();',
    "const MODEL = process.env.MODEL ?? 'gpt-4o-mini';",
    "const SYSTEM = 'You are a helpful assistant for the billing team.';",
    '',
  ];
  const boundaries: number[] = [];
  for (let i = 0; out.length < lines; i++) {
    boundaries.push(out.length);
    out.push(
      `export class Service${i} {`,
      '  private items: { id: number; value: number }[] = [];',
      `  constructor(private readonly name: string, private readonly limit = ${100 + i}) {}`,
      '',
      '  load(rows: { id: number; value: number; skip?: boolean }[]): number {',
      '    for (const row of rows) {',
      '      if (row.skip) continue;',
      '      this.items.push({ id: row.id, value: row.value * 2 });',
      '    }',
      '    return this.items.length;',
      '  }',
      '',
      '  total(): number {',
      '    return this.items.filter((item) => item.value > 0).reduce((sum, item) => sum + item.value, 0);',
      '  }',
      '',
      "  describe(prefix = 'item'): string {",
      "    return this.items.map((item) => `${prefix}-${item.id}`).join(', ');",
      '  }',
      '',
      '  async ask(question: string): Promise<string | null> {',
      i % 2 === 0
        ? '    const response = await openai.chat.completions.create({'
        : '    const response = await this.cache.lookup({',
      '      model: MODEL,',
      "      messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: question }],",
      '      max_completion_tokens: 300,',
      '    });',
      '    return response.choices[0].message.content;',
      '  }',
      '',
      '  async summarize(text: string) {',
      i % 4 === 0
        ? `    const { text: summary } = await generateText({ model: provider('gpt-4.1-mini'), prompt: text, maxOutputTokens: ${200 + i} });`
        : `    const { text: summary } = await this.cache.store({ key: 'gpt-4.1-mini', value: text, size: ${200 + i} });`,
      '    return summary;',
      '  }',
      '',
      '  stats() {',
      '    const values = this.items.map((item) => item.value);',
      '    if (values.length === 0) return { min: null, max: null };',
      '    return { min: Math.min(...values), max: Math.max(...values), count: values.length };',
      '  }',
      '',
      '  toCsv(): string {',
      '    let csv = "";',
      '    for (const item of this.items) csv += `${item.id},${item.value}\\n`;',
      '    return csv;',
      '  }',
      '}',
      '',
    );
  }
  return finish(out, boundaries, lines, '//');
}

/** Cuts at the last whole class that fits (a class cut in half is a syntax error) and pads with comments. */
function finish(out: string[], boundaries: number[], lines: number, comment: string): string {
  const cut = out.length <= lines ? out.length : Math.max(...boundaries.filter((b) => b <= lines));
  const kept = out.slice(0, cut);
  while (kept.length < lines) kept.push(`${comment} end of generated file`);
  return `${kept.join('\n')}\n`;
}
