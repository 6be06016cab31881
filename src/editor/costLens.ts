import * as vscode from 'vscode';
import { callSummary } from '../core/cost';
import { callRef } from './callLocation';
import { CommandIds } from './commandIds';
import { onSettingsChanged, surfaceEnabled } from './config';
import type { DocumentModel, DocumentState } from './documentModel';

/** What the lens provider last served, for the speed figures. */
export interface LensService {
  uri: string;
  version: number;
  /** performance.now() when served. */
  at: number;
}

/** The lenses of one state: a cost line over each call, or one line saying why the file was not analysed. */
export function lensesFor(state: DocumentState): vscode.CodeLens[] {
  if (state.skipped) {
    const top = new vscode.Range(0, 0, 0, 0);
    const failed = state.skipped.includes('see the log');
    return [
      new vscode.CodeLens(top, {
        title: `LLM Cost Lens: not analysed (${state.skipped})`,
        command: failed ? CommandIds.showLog : '',
      }),
    ];
  }
  return state.calls.map((call, i) => {
    const line = state.positionAt(call.range.start).line;
    const range = new vscode.Range(line, 0, line, 0);
    const cost = state.costs[i];
    const summary = callSummary(call, cost);
    const ref = callRef(state, call);
    if (!cost.monthlyUsd) {
      return new vscode.CodeLens(range, {
        title: `${summary} · choose a model…`,
        tooltip: 'No price without a known model: pick the model this call uses (written as a comment above it)',
        command: CommandIds.chooseModel,
        arguments: [ref],
      });
    }
    return new vscode.CodeLens(range, {
      title: summary,
      tooltip: 'How this figure was reached',
      command: CommandIds.showCallCost,
      arguments: [ref],
    });
  });
}

/**
 * A cost CodeLens over every call. Cheap to provide: it reads the document model's cached state and never
 * parses; the model says when to ask again.
 */
export class CostLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.changed.event;
  /** The last lenses served (for the speed figures and tests). */
  lastServed: LensService | undefined;
  /** performance.now() when lenses were first served with at least one call, for the start-up figure. */
  firstLensesAt: number | undefined;

  constructor(private readonly model: DocumentModel) {
    this.disposables = [
      this.changed,
      model.onDidChange(() => this.changed.fire()),
      onSettingsChanged(['codeLens.enabled'], () => this.changed.fire()),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!surfaceEnabled('codeLens', document.uri)) return [];
    const state = await this.model.stateFor(document);
    const started = performance.now();
    const lenses = lensesFor(state);
    const now = performance.now();
    state.timings.lensMs = now - started;
    this.lastServed = { uri: document.uri.toString(), version: state.version, at: now };
    if (this.firstLensesAt === undefined && state.calls.length > 0) this.firstLensesAt = now;
    this.model.figuresShown();
    return lenses;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
