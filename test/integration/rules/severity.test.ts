import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, open } from './support';

describe('rule severity setting', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.workspace
      .getConfiguration('llmCostLens')
      .update('rules.severity', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('diagnostics turned off disappear and come back when turned on', async () => {
    const { document } = await open('typescript/support.ts');
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await diagnosticsWhen(document.uri, (d) => d.length > 10, 'diagnostics');
    await config.update('diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsWhen(document.uri, (d) => d.length === 0, 'no diagnostics once turned off');
    } finally {
      await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWhen(document.uri, (d) => d.length > 10, 'the diagnostics back');
  });

  it('raises a rule to an error, turns one off, and restores them', async () => {
    const { document } = await open('python/support.py');
    const of = (code: string, list: vscode.Diagnostic[]) => list.filter((d) => codeOf(d) === code);
    const before = await diagnosticsWhen(document.uri, (d) => of('batch-candidate', d).length === 1, 'diagnostics');
    const limits = of('missing-output-limit', before).length;
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update(
      'rules.severity',
      { 'missing-output-limit': 'error', 'batch-candidate': 'off' },
      vscode.ConfigurationTarget.Global,
    );
    await diagnosticsWhen(
      document.uri,
      (d) =>
        of('batch-candidate', d).length === 0 &&
        of('missing-output-limit', d).length === limits &&
        of('missing-output-limit', d).every((x) => x.severity === vscode.DiagnosticSeverity.Error),
      'missing-output-limit as errors and no batch-candidate',
    );
    await config.update('rules.severity', undefined, vscode.ConfigurationTarget.Global);
    await diagnosticsWhen(
      document.uri,
      (d) =>
        of('batch-candidate', d).length === 1 &&
        of('missing-output-limit', d).some((x) => x.severity === vscode.DiagnosticSeverity.Warning),
      'the defaults back',
    );
  });
});
