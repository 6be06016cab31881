import * as vscode from 'vscode';
import { bundledTable, liteLlmPriceMapUrl, priceMapLimits, tableFromStoredMap, updatePrices } from '../../core/pricing';
import { onSettingsChanged, readSetting } from '../config';
import { log } from '../log';
import type { PricingService } from '../pricingService';
import type { PriceStore } from './priceStore';

/** What Update Prices did, in words: returned by the command (the in-host tests read it) and shown. */
export interface UpdateReport {
  ok: boolean;
  message: string;
}

const dayMs = 24 * 60 * 60 * 1000;
/** `llmCostLens.pricing.autoUpdate: weekly` fetches when the stored map is this old. */
const autoUpdateAgeMs = 7 * dayMs;
/** How often a long-running window checks whether a weekly update is due. */
const autoCheckEveryMs = 6 * 60 * 60 * 1000;

/** The update settings, read fresh for each update (all application-scoped: a workspace cannot redirect them). */
function updateSettings(): { url: string; timeoutMs: number; auto: boolean } {
  const url = readSetting<unknown>('pricing.updateUrl');
  const seconds = readSetting<unknown>('pricing.updateTimeoutSeconds');
  const validSeconds = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 && seconds <= 600;
  return {
    url: typeof url === 'string' && url.trim() !== '' ? url.trim() : liteLlmPriceMapUrl,
    timeoutMs: validSeconds ? seconds * 1000 : priceMapLimits.timeoutMs,
    auto: readSetting<unknown>('pricing.autoUpdate') === 'weekly',
  };
}

/**
 * Keeps LiteLLM's current price map in force: restores the last good one from global storage at start, fetches
 * a new one on **Update Prices** and weekly when `llmCostLens.pricing.autoUpdate` says so, validates it, stores
 * it and hands the table to the pricing service. A failure keeps the last good table; the command always says
 * why, a background update says each distinct reason once per session.
 */
export class PriceUpdater implements vscode.Disposable {
  private running: Promise<UpdateReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private settingWatch: vscode.Disposable | undefined;
  private readonly saidOnce = new Set<string>();

  constructor(
    private readonly store: PriceStore,
    private readonly pricing: PricingService,
  ) {}

  /** Puts the stored map in force, when there is one and it still validates. */
  async restore(): Promise<void> {
    const stored = await this.store.read();
    if (!stored) return;
    const built = tableFromStoredMap(stored.text, stored.fetchedOn, bundledTable, stored.url);
    if (!built.ok) {
      log().warn(
        `The stored price map (${stored.fetchedOn}) cannot be used: ${built.reason}. Using the bundled snapshot.`,
      );
      return;
    }
    log().info(`Prices: ${built.summary} (stored).`);
    this.pricing.useUpdatedTable(built.table);
  }

  /** One update at a time: a second request while one runs gets the same result. */
  update(trigger: 'command' | 'auto'): Promise<UpdateReport> {
    this.running ??= this.run(trigger).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(trigger: 'command' | 'auto'): Promise<UpdateReport> {
    const settings = updateSettings();
    const now = new Date();
    const outcome = await updatePrices({ base: bundledTable, url: settings.url, timeoutMs: settings.timeoutMs, now });
    if (!outcome.ok) {
      const keeping = this.pricing.table().origin?.label ?? 'the bundled snapshot';
      const message = `Could not update prices from ${settings.url}: ${outcome.reason}. Still using ${keeping}.`;
      log().warn(message);
      this.tell(message, trigger, 'warning');
      return { ok: false, message };
    }
    for (const problem of outcome.problems) log().warn(`Update Prices: ${problem}`);
    try {
      await this.store.write({
        text: outcome.text,
        fetchedOn: outcome.fetchedOn,
        fetchedAt: now.toISOString(),
        url: settings.url,
      });
    } catch (error) {
      log().warn(
        `Update Prices: could not keep the map for next time: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.pricing.useUpdatedTable(outcome.table);
    const fileNote = this.pricing.fileInUse()
      ? ' Your price file (llmCostLens.pricing.file) stays in force until you clear it.'
      : '';
    const message = `Prices updated: ${outcome.summary}.${fileNote}`;
    log().info(message);
    if (trigger === 'command') this.tell(message, trigger, 'info');
    return { ok: true, message };
  }

  private tell(message: string, trigger: 'command' | 'auto', level: 'info' | 'warning'): void {
    if (trigger === 'auto') {
      if (this.saidOnce.has(message)) return;
      this.saidOnce.add(message);
    }
    const show = level === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`LLM Cost Lens: ${message}`, 'Show Log').then((choice) =>
      choice === 'Show Log' ? log().show() : undefined,
    );
  }

  /**
   * Starts the weekly check when the setting asks: now, every few hours while the window stays open, and when
   * the setting is turned on.
   */
  startAutoUpdates(): void {
    const check = async (): Promise<void> => {
      if (!updateSettings().auto) return;
      const last = await this.store.fetchedAt();
      if (last && Date.now() - last.getTime() < autoUpdateAgeMs) return;
      await this.update('auto');
    };
    void check();
    this.timer = setInterval(() => void check(), autoCheckEveryMs);
    this.settingWatch = onSettingsChanged(['pricing.autoUpdate'], () => void check());
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.settingWatch?.dispose();
  }
}
