import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../helpers';
import {
  api,
  dollars,
  expectedTitle,
  hoverAt,
  lensesWhen,
  monthlyUsd,
  open,
  plain,
  positionOf,
  pricedLenses,
} from './expectations';

describe('cost hover', function () {
  this.timeout(60_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('explains the figure: prices with source and date, assumptions with their settings, cheaper models', async () => {
    const { priceTable } = await api();
    const table = priceTable();
    const editor = await open('openai_chat.py');
    const uri = editor.document.uri;
    const expectation = pricedLenses[0];
    // Exact counts (the tokenizer table loaded) before the hover is read.
    const title = expectedTitle(expectation, table);
    await lensesWhen(uri, (l) => l[0]?.title === title, title);
    const markdown = await waitFor(() => hoverAt(uri, positionOf(editor.document, 'create(', 8)), 'the hover');
    const text = plain(markdown);
    assert.match(text, /^\*\*gpt-4o-mini\*\* — \$[\d.]+ per call, \$[\d.,]+ per month \(expected\)/);
    // Every price line names its source and date, as the table has them.
    const entry = table.models.find((m) => m.id === 'gpt-4o-mini');
    assert.ok(entry);
    const source = table.sources[entry.prices.input.src];
    assert.ok(text.includes(source.name) && text.includes(source.date), `source ${source.name} ${source.date}`);
    assert.match(text, /input: 219 tokens × \$0\.15\/1M \(input\)/);
    assert.match(text, /output \(expected\): 300 tokens × \$0\.6\/1M/);
    assert.match(text, /output \(worst\): 300 tokens/);
    // How the input was counted: the static text exactly, the dynamic part by its setting, the chat format.
    assert.match(text, /^- input: 10 tokens of static text counted exactly$/m);
    assert.match(text, /^- \+ 1 dynamic part\(s\) × 200 tokens \(llmCostLens\.dynamicPartTokens\)$/m);
    // What the batch API would save: half of this call's monthly figure.
    assert.ok(text.includes(`the batch API would save ${dollars(monthlyUsd(expectation, table) / 2)} a month`), text);
    // Assumptions, each with a link to its setting.
    assert.match(text, /calls a day: 1,000 \(default, llmCostLens\.callsPerDay\)/);
    assert.ok(markdown.includes(encodeURIComponent(JSON.stringify(['llmCostLens.callsPerDay']))));
    assert.ok(markdown.includes(encodeURIComponent(JSON.stringify(['llmCostLens.expectedOutputTokens']))));
    // Up to three cheaper OpenAI models, cheapest first, each with this call's monthly figure on it.
    const section = text.split('**Cheaper models (same provider)**')[1]?.split('\n**')[0];
    assert.ok(section, text);
    const rows = [...section.matchAll(/^- ([\w.-]+): (\$[\d.,]+)\/mo \(saves (\$[\d.,]+)\/mo\)$/gm)];
    assert.ok(rows.length >= 1 && rows.length <= 3, section);
    const current = monthlyUsd(expectation, table);
    let previous = 0;
    for (const [, name, monthly, saving] of rows) {
      const alternative = table.models.find((m) => m.id === name);
      assert.ok(alternative && alternative.provider === 'openai', name);
      const own = monthlyUsd({ ...expectation, pricedAs: name }, table);
      assert.equal(monthly, dollars(own), name);
      assert.equal(saving, dollars(current - own), name);
      assert.ok(own < current && own >= previous, `${name} is cheaper, in order`);
      previous = own;
    }
    // The same hover on the model argument.
    const onModel = await hoverAt(uri, positionOf(editor.document, '"gpt-4o-mini"', 9, 3));
    assert.equal(onModel, markdown);
    // None away from the call.
    assert.equal(await hoverAt(uri, new vscode.Position(0, 2)), undefined);
  });

  it('through LiteLLM, offers any provider; for an unknown model, a way to choose one', async () => {
    const gateway = await open('gateway.py');
    const lite = await waitFor(
      () => hoverAt(gateway.document.uri, positionOf(gateway.document, 'completion(', 5)),
      'the hover',
    );
    const section = plain(lite).split('**Cheaper models (any provider through LiteLLM)**')[1]?.split('\n**')[0];
    assert.ok(section, plain(lite));
    const names = [...section.matchAll(/^- ([\w./-]+): /gm)].map((m) => m[1]);
    assert.equal(names.length, 3, section);
    assert.ok(
      names.every((n) => /^[a-z-]+\//.test(n)),
      names.join(),
    );
    const unknown = await open('unknown_model.py');
    const none = await waitFor(
      () => hoverAt(unknown.document.uri, positionOf(unknown.document, 'create(', 11)),
      'the hover',
    );
    assert.match(plain(none), /^\*\*model not known\*\* — no cost shown without a known model/);
    assert.ok(none.includes('command:llmCostLens.chooseModel?'));
    assert.doesNotMatch(plain(none), /\$\d/);
  });

  it('is off with its setting, and clicking a priced lens still explains the call', async () => {
    const editor = await open('route.ts');
    const uri = editor.document.uri;
    const position = positionOf(editor.document, 'generateText(', 6);
    await waitFor(() => hoverAt(uri, position), 'the hover');
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(async () => ((await hoverAt(uri, position)) === undefined ? true : undefined), 'no hover');
      const [lens] = await lensesWhen(uri, (l) => l.length === 1, 'the lens');
      assert.equal(lens.command, 'llmCostLens.showCallCost');
      await vscode.commands.executeCommand(lens.command, ...lens.arguments);
      const cursor = vscode.window.activeTextEditor?.selection.active;
      assert.deepEqual([cursor?.line, cursor?.character], [position.line, position.character - 1]);
      // VS Code asked for the hover at the call's method name, and got it although hovers are off.
      const { lastHover } = await api();
      await waitFor(() => {
        const shown = lastHover();
        return shown?.forced && shown.uri === uri.toString() ? shown : undefined;
      }, 'the hover shown by the click');
      assert.deepEqual(lastHover(), {
        uri: uri.toString(),
        line: position.line,
        character: position.character - 1,
        forced: true,
      });
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
