import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { PricingService } from '../pricingService';
import { PriceStore } from './priceStore';
import { PriceUpdater } from './priceUpdater';

/**
 * **LLM Cost Lens: Update Prices** and the weekly background update; the last good map comes back from global
 * storage first. Everything made here is owned by `context`.
 */
export function registerPriceUpdates(context: vscode.ExtensionContext, pricing: PricingService): void {
  const updater = new PriceUpdater(new PriceStore(context.globalStorageUri), pricing);
  context.subscriptions.push(
    updater,
    vscode.commands.registerCommand(CommandIds.updatePrices, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'LLM Cost Lens: updating prices…' },
        () => updater.update('command'),
      ),
    ),
  );
  void updater.restore().then(() => updater.startAutoUpdates());
}
