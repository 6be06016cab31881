import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LlmCostLensApi } from '../../src/editor/api';
import { extensionId, waitFor, workspaceFile } from '../integration/helpers';

/**
 * What the window must show before a picture is taken, and what to crop: sent to scripts/screenshots.js as a
 * `screenshot-request:` line on the console (the workbench forwards it); the script answers by writing the PNG.
 */
/** An element: matching `selector` and containing `text` (or being exactly `text`). */
export interface Target {
  selector: string;
  text?: string;
  exact?: boolean;
  /** Rest the mouse this many pixels from the element's right end instead of its middle. */
  fromRight?: number;
}

export interface ShotRequest {
  name: string;
  /** A CSS selector that must be visible, and text it must contain. */
  waitFor: { selector: string; text?: string };
  /** Rest the mouse on this element first (a status bar item, a word of the code), found step by step. */
  hover?: Target | Target[];
  /** Elements whose boxes the picture covers, clamped to the window. */
  crop: string[];
  /** Pixels around the boxes (0 for a whole part of the window). */
  margin?: number;
  /** An element that must have disappeared first (a progress notification closing). */
  gone?: string;
  /** Drag the lowest edge of this resizable widget down by `by` pixels, so more of it shows. */
  grow?: { selector: string; by: number };
}

async function shoot(request: ShotRequest): Promise<void> {
  const dir = process.env.LLM_COST_LENS_SCREENSHOT_DIR;
  if (!dir) throw new Error('LLM_COST_LENS_SCREENSHOT_DIR is not set: run `npm run screenshots`');
  console.log(`screenshot-request: ${JSON.stringify(request)}`);
  await waitFor(() => (fs.existsSync(path.join(dir, `${request.name}.png`)) ? true : undefined), request.name, 60_000);
}

async function lensTitles(uri: vscode.Uri): Promise<string> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map((l) => l.command?.title ?? '').join('\n');
}

/** Waits until the lenses stop changing (the tokenizer table turns ≈ estimates into exact counts). */
async function settledLenses(uri: vscode.Uri, count: number): Promise<void> {
  let last = '';
  let since = Date.now();
  await waitFor(
    async () => {
      const now = await lensTitles(uri);
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return now.split('\n').length === count && Date.now() - since > 2000 ? true : undefined;
    },
    'settled lenses',
    60_000,
  );
}

/** Scrolls so that `line` (0-based) is the first one shown (`revealLine` leaves a line that is in view alone). */
async function scrollTo(editor: vscode.TextEditor, line: number): Promise<void> {
  const first = (): number => editor.visibleRanges[0]?.start.line ?? 0;
  const delta = line - first();
  if (delta === 0) return;
  await vscode.commands.executeCommand('editorScroll', {
    to: delta > 0 ? 'down' : 'up',
    by: 'line',
    value: Math.abs(delta),
  });
  await waitFor(() => (first() === line ? true : undefined), `line ${line + 1} at the top`);
}

function positionOf(document: vscode.TextDocument, needle: string, after: string): vscode.Position {
  const text = document.getText();
  const at = text.indexOf(needle, text.indexOf(after));
  if (at < 0) throw new Error(`${needle} not found after ${after}`);
  return document.positionAt(at + 1);
}

/**
 * The test entry `npm run screenshots` loads into the extension host: it puts the window in each state the
 * README shows and asks the script for a picture of it.
 */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<LlmCostLensApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in the host`);
  const document = await vscode.workspace.openTextDocument(workspaceFile('support_bot.py'));
  const editor = await vscode.window.showTextDocument(document);
  const api = await extension.activate();
  // VS Code's default dark theme (the web build starts light; a workspace cannot set the theme).
  await vscode.workspace
    .getConfiguration('workbench')
    .update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('notifications.clearAll');
  await settledLenses(document.uri, 3);
  // From the first function on, so that all three calls show.
  const top = positionOf(document, 'def', 'SYSTEM_PROMPT');
  // The cursor rests on the blank line above: on a word, VS Code would highlight every other 'def' in the picture.
  const rest = new vscode.Position(top.line - 1, 0);
  editor.selection = new vscode.Selection(rest, rest);
  await scrollTo(editor, top.line - 1);

  await shoot({
    name: 'lenses',
    waitFor: { selector: '.codelens-decoration', text: 'choose a model' },
    crop: ['.part.editor'],
  });

  const create = positionOf(document, 'create(', 'def answer');
  editor.selection = new vscode.Selection(create, create);
  // The call near the top, so that the hover has room below it.
  await scrollTo(editor, create.line - 2);
  // The mouse rests on the method name, as a user's would (a hover opened by the mouse can be pulled open).
  await shoot({
    name: 'hover',
    hover: [
      { selector: '.view-line', text: 'response = openai_client' },
      // The web build colours `openai_client.chat.completions.create` as one run: the word at its end.
      { selector: 'span span', text: 'completions.create', fromRight: 14 },
    ],
    waitFor: { selector: '.monaco-hover', text: 'Cheaper models' },
    // A hover opens a quarter of the editor high and scrolls; the picture shows it pulled open, as a user can.
    grow: { selector: '.monaco-resizable-hover', by: 420 },
    crop: ['.part.editor'],
  });
  // Moving the cursor closes the hover.
  editor.selection = new vscode.Selection(rest, rest);

  await waitFor(() => api.statusBar(), 'the status bar total');
  await shoot({
    name: 'status-bar',
    hover: { selector: '.statusbar-item', text: '/mo' },
    waitFor: { selector: '.workbench-hover, .monaco-hover', text: 'LLM cost of this file' },
    crop: ['.workbench-hover', '.monaco-hover', '#workbench\\.parts\\.statusbar'],
    margin: 12,
  });

  const lenses =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? [];
  const unknown = lenses.find((l) => l.command?.command === 'llmCostLens.chooseModel');
  if (!unknown?.command) throw new Error('no choose-a-model lens');
  // The call below the pick, with its lens.
  await scrollTo(editor, unknown.range.start.line - 22);
  void vscode.commands.executeCommand(unknown.command.command, ...(unknown.command.arguments ?? []));
  await waitFor(() => {
    const pick = api.modelPick();
    return pick && !pick.busy ? true : undefined;
  }, 'the Quick Pick with the workspace names');
  await shoot({
    name: 'choose-model',
    waitFor: { selector: '.quick-input-widget', text: 'Used in this workspace' },
    crop: ['.part.editor', '.quick-input-widget'],
  });
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

  // The workspace cost report, opened as a user would from the status bar item's menu.
  await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
  await waitFor(
    () => {
      const report = api.workspaceReport();
      const drawn = report?.rendered && report.rendered.computedAt === report.posted?.computedAt;
      return drawn && !report.scanning ? true : undefined;
    },
    'the report drawn',
    60_000,
  );
  await vscode.commands.executeCommand('notifications.clearAll');
  await shoot({
    name: 'workspace-report',
    waitFor: { selector: 'iframe.webview.ready' },
    gone: '.notification-toast',
    crop: ['.part.editor'],
  });
}
