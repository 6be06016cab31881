import * as vscode from 'vscode';
import type { ParserHost } from './core/parsing';
import { CommandIds } from './editor/commandIds';
import { registerCompressor } from './editor/compress/register';
import { compressionCallCost } from './editor/compress/figures';
import { createLog } from './editor/log';
import { lazyParserHost } from './editor/parserHost';
import { PricingService } from './editor/pricingService';

/** What the activation steps share; each piece is created once and owned by the extension context. */
interface Services {
  parserHost: () => ParserHost;
  pricing: PricingService;
}

/** The steps of activation, named so that a failure says where it happened. */
type ActivationStep = (context: vscode.ExtensionContext, services: Services) => void | Promise<void>;

const steps: Array<[name: string, step: ActivationStep]> = [
  [
    'register commands',
    (context) => {
      const log = createLog();
      context.subscriptions.push(vscode.commands.registerCommand(CommandIds.showLog, () => log.show()));
    },
  ],
  [
    'set up the prompt compressor',
    (context, { parserHost, pricing }) =>
      registerCompressor(context, parserHost, {
        callCost: (model, usage) => compressionCallCost(pricing.table(), model, usage),
      }),
  ],
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  context.subscriptions.push(log);
  const pricing = new PricingService();
  context.subscriptions.push(pricing);
  const services: Services = { parserHost: lazyParserHost(context), pricing };
  for (const [name, step] of steps) {
    try {
      await step(context, services);
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
