import * as vscode from 'vscode';
import { isLanguageId } from '../../core/parsing';
import { ruleDocUrl, type Finding, type Severity } from '../../core/rules';
import { onSettingsChanged, surfaceEnabled } from '../config';
import type { DocumentModel, DocumentState, StateSlot } from '../documentModel';
import { log } from '../log';

export const diagnosticSource = 'LLM Cost Lens';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function rangeOf(state: DocumentState, finding: Pick<Finding, 'range'>): vscode.Range {
  return new vscode.Range(state.positionAt(finding.range.start), state.positionAt(finding.range.end));
}

/** A finding as a diagnostic: its code links to the rule's page. */
export function toDiagnostic(state: DocumentState, finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(state, finding), finding.message, severities[finding.severity]);
  diagnostic.source = diagnosticSource;
  diagnostic.code = { value: finding.code, target: vscode.Uri.parse(ruleDocUrl(finding.code)) };
  return diagnostic;
}

/**
 * The findings of every open Python, TypeScript and JavaScript document as diagnostics, refreshed whenever the
 * document model says a document (or everything: prices, settings) changed, and cleared when a document closes.
 */
export class FindingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('llmCostLens');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** The version each document's diagnostics were last set from, for the tests. */
  private readonly shownVersions = new Map<string, number>();

  constructor(
    private readonly model: DocumentModel,
    private readonly findings: StateSlot<Finding[]>,
  ) {
    this.disposables.push(
      model.onDidChange((uri) => (uri ? this.refreshUri(uri) : this.refreshAll())),
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document)),
      onSettingsChanged(['diagnostics.enabled'], () => this.refreshAll()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.collection.delete(document.uri);
        this.shownVersions.delete(document.uri.toString());
      }),
    );
    this.refreshAll();
  }

  /** The document version the shown diagnostics come from, or undefined before any. */
  shownVersion(uri: vscode.Uri): number | undefined {
    return this.shownVersions.get(uri.toString());
  }

  private refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  private refreshUri(uri: vscode.Uri): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) this.refresh(document);
  }

  private refresh(document: vscode.TextDocument): void {
    if (!isLanguageId(document.languageId)) return;
    if (!surfaceEnabled('diagnostics', document.uri)) {
      // Off: nothing is parsed for them, and what was shown goes.
      this.collection.delete(document.uri);
      this.shownVersions.delete(document.uri.toString());
      return;
    }
    this.model.stateFor(document).then(
      (state) => {
        if (document.isClosed || !surfaceEnabled('diagnostics', document.uri)) return;
        const findings = state.get(this.findings);
        this.collection.set(
          document.uri,
          findings.map((f) => toDiagnostic(state, f)),
        );
        this.shownVersions.set(document.uri.toString(), state.version);
      },
      (error: unknown) => log().error(`Checking ${document.uri.toString()} against the cost rules failed:`, error),
    );
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
