import * as vscode from 'vscode';
import { CommandIds } from './editor/commandIds';
import { createLog } from './editor/log';

/** The steps of activation, named so that a failure says where it happened. */
type ActivationStep = (context: vscode.ExtensionContext) => void | Promise<void>;

const steps: Array<[name: string, step: ActivationStep]> = [
  [
    'register commands',
    (context) => {
      const log = createLog();
      context.subscriptions.push(vscode.commands.registerCommand(CommandIds.showLog, () => log.show()));
    },
  ],
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  context.subscriptions.push(log);
  for (const [name, step] of steps) {
    try {
      await step(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`Activation failed while trying to ${name}:`, error);
      // VS Code shows nothing when activation fails; tell the user and offer the log.
      void vscode.window
        .showErrorMessage(`LLM Cost Lens failed to ${name}: ${message}`, 'Show Log')
        .then((choice) => (choice === 'Show Log' ? log.show() : undefined));
      return;
    }
  }
  log.info(`Activated (VS Code ${vscode.version}).`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
