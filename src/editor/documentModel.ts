import * as vscode from 'vscode';
import { assumeModels } from '../core/analysis/assumed';
import type { CallRecord } from '../core/analysis/types';
import { estimateCallCost, type CallCost, type CostContext } from '../core/cost';
import type { PriceTable } from '../core/pricing';
import { encodingsWanted, loadWantedEncodings } from '../core/tokens';
import { onSettingsChanged } from './config';
import { readAssumedModels } from './assumedModels';
import type { DocumentAnalysisService } from './documentAnalysis';
import { log } from './log';
import { costSettingNames, readCostSettings, readCostSources, type PricingService } from './pricingService';

/**
 * A value computed once per document state and cached with it, e.g. the rules' findings:
 * `const findings = state.get(findingsSlot)` with `findingsSlot = { name: 'findings', compute: (s) => … }`.
 */
export interface StateSlot<T> {
  readonly name: string;
  compute(state: DocumentState): T;
}

/** Milliseconds of extension-host work spent on one state, for the speed figures. */
export interface StateTimings {
  /** Re-parse and re-analysis of the edits (0 when the analysis was reused). */
  analysisMs: number;
  costMs: number;
  /** Computing the state's slots (the rules' findings), once they were asked for. */
  slotsMs?: number;
  /** Building the CodeLenses from this state, once they were asked for. */
  lensMs?: number;
}

/**
 * Everything the surfaces show for one version of one document under one price table and one set of cost
 * settings: the call records, their costs (`costs[i]` is `calls[i]`'s), and the slots computed from them.
 * Immutable once built; a new version, price table or setting makes a new state.
 */
export class DocumentState {
  private readonly slots = new Map<StateSlot<unknown>, unknown>();
  private lineStarts: number[] | undefined;

  constructor(
    readonly uri: vscode.Uri,
    /** The document's language when this state was computed (the rules write fixes in its syntax). */
    readonly languageId: string,
    readonly version: number,
    /** The model's generation (price table, settings, tokenizer) the costs were computed in. */
    readonly generation: number,
    /** The text analysed: record offsets are offsets into it. */
    readonly text: string,
    readonly calls: readonly CallRecord[],
    readonly costs: readonly CallCost[],
    /** The table and settings the costs were computed with (to price the calls again: alternatives, what-ifs). */
    readonly context: CostContext,
    /** Why a document that uses an LLM SDK was not analysed, when it was not. */
    readonly skipped: string | undefined,
    readonly timings: StateTimings,
  ) {}

  /** The slot's value for this state, computed on first use. */
  get<T>(slot: StateSlot<T>): T {
    if (this.slots.has(slot)) return this.slots.get(slot) as T;
    const started = performance.now();
    const value = slot.compute(this);
    this.timings.slotsMs = (this.timings.slotsMs ?? 0) + performance.now() - started;
    this.slots.set(slot, value);
    return value;
  }

  get table(): PriceTable {
    return this.context.table;
  }

  /** The 0-based line and character of an offset into `text` (this state's own text, whatever the editor holds now). */
  positionAt(offset: number): vscode.Position {
    const starts = this.starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return new vscode.Position(low, offset - starts[low]);
  }

  /** The offset into `text` of a 0-based line and character. */
  offsetAt(line: number, character: number): number {
    const starts = this.starts();
    const start = starts[Math.min(Math.max(line, 0), starts.length - 1)];
    return Math.min(start + character, this.text.length);
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /**
   * Monthly totals over the priced calls, how many calls could not be priced, and how many of those name no model.
   * The worst case is null when any priced call's worst case is unknown (no limit, max output unknown): a sum
   * cannot bound it.
   */
  monthlyTotal(): { expected: number; worst: number | null; priced: number; unpriced: number; unnamed: number } {
    let expected = 0;
    let worst: number | null = 0;
    let priced = 0;
    let unnamed = 0;
    for (const [i, cost] of this.costs.entries()) {
      if (!cost.monthlyUsd) {
        if (this.calls[i]?.model === null) unnamed++;
        continue;
      }
      expected += cost.monthlyUsd.expected;
      worst = worst === null || cost.monthlyUsd.worst === null ? null : worst + cost.monthlyUsd.worst;
      priced++;
    }
    return { expected, worst, priced, unpriced: this.costs.length - priced, unnamed };
  }
}

/** When no surface says its figures are shown (lenses turned off), wanted tokenizer tables load after this. */
const tokenizerFallbackMs = 1500;

/** After the last keystroke of a burst, how long to wait before refreshing surfaces that are not asked (status bar). */
const settleMs = 150;

/**
 * The editor's document model: one cached state per open document, keyed by document version and the model's
 * generation (bumped by a price table change, a cost setting change, or a tokenizer finishing loading). A thin
 * layer over the core: records come from the analysis service, costs from `estimateCallCost`. Surfaces read
 * states and never parse; `onDidChange` tells them when to read again (a document's URI, or undefined for all).
 */
export class DocumentModel implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();
  private readonly computing = new Map<string, Promise<DocumentState>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private generation = 0;
  /** Starts loading the wanted tokenizer tables, when a load is scheduled. */
  private startTokenizers: (() => void) | undefined;
  private shownOnce = false;
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly analysis: DocumentAnalysisService,
    private readonly pricing: PricingService,
  ) {
    this.disposables.push(
      this.changed,
      analysis.onDidChange((uri) => this.scheduleRefresh(uri)),
      analysis.onDidChangeAround((uri) => {
        // Same version, new values from another file: the cached state goes.
        this.states.delete(uri.toString());
        this.scheduleRefresh(uri);
      }),
      pricing.onDidChange(() => this.invalidate()),
      onSettingsChanged([...costSettingNames, 'assumedModels'], () => this.invalidate()),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    );
  }

  /** The state of a document's current version, computed if needed (parsing it the first time). */
  async stateFor(document: vscode.TextDocument): Promise<DocumentState> {
    const key = document.uri.toString();
    const known = this.states.get(key);
    if (known && known.version === document.version && known.generation === this.generation) return known;
    const running = this.computing.get(key);
    if (running) {
      const state = await running;
      if (state.version === document.version && state.generation === this.generation) return state;
    }
    const job = this.compute(document).finally(() => {
      if (this.computing.get(key) === job) this.computing.delete(key);
    });
    this.computing.set(key, job);
    return job;
  }

  /** The cached state of a document if it is current, without computing anything. */
  peek(document: vscode.TextDocument): DocumentState | undefined {
    const state = this.states.get(document.uri.toString());
    return state && state.version === document.version && state.generation === this.generation ? state : undefined;
  }

  /** Every cached state (open documents analysed so far), e.g. for model names used in the workspace. */
  cachedStates(): DocumentState[] {
    return [...this.states.values()];
  }

  /** Recomputes every state on next use and tells the surfaces. */
  invalidate(): void {
    this.generation++;
    this.changed.fire(undefined);
  }

  private async compute(document: vscode.TextDocument): Promise<DocumentState> {
    const analysis = await this.analysis.analysisFor(document);
    const generation = this.generation;
    const started = performance.now();
    const context: CostContext = {
      // The document's folder's own price overrides, as `llm-cost-lens scan <folder>` applies them.
      table: this.pricing.tableFor(document.uri),
      settings: readCostSettings(document.uri),
      sources: readCostSources(document.uri),
      count: { whenNotLoaded: 'defer' },
    };
    // Calls whose model the code does not say take the model `llmCostLens.assumedModels` gives their provider.
    const calls = assumeModels(analysis.calls, readAssumedModels(document.uri));
    const costs = calls.map((call) => estimateCallCost(call, context));
    const state = new DocumentState(
      document.uri,
      document.languageId,
      analysis.version,
      generation,
      analysis.text,
      calls,
      costs,
      context,
      analysis.skipped,
      { analysisMs: analysis.analysisMs, costMs: performance.now() - started },
    );
    this.states.set(document.uri.toString(), state);
    this.scheduleTokenizers();
    return state;
  }

  /**
   * Surfaces call this once figures are on screen. Tokenizer tables wanted by the counts load only then (or
   * after a short wait when no lens is shown), because loading one holds the extension host for half a second
   * or more: the first lenses come first, with ≈ estimates, and are counted exactly a moment later.
   */
  figuresShown(): void {
    this.shownOnce = true;
    this.startTokenizers?.();
  }

  private scheduleTokenizers(): void {
    if (this.startTokenizers || !encodingsWanted()) return;
    const start = (): void => {
      clearTimeout(fallback);
      this.startTokenizers = () => undefined;
      // After this turn, so the lenses just provided are sent first.
      setTimeout(() => {
        loadWantedEncodings().then(
          (loaded) => {
            this.startTokenizers = undefined;
            if (loaded > 0) this.invalidate();
          },
          (error: unknown) => {
            this.startTokenizers = undefined;
            log().error('Loading a tokenizer table failed; token counts stay estimates:', error);
          },
        );
      }, 50);
    };
    const fallback = setTimeout(start, tokenizerFallbackMs);
    this.startTokenizers = start;
    if (this.shownOnce) start();
  }

  /** After a burst of edits settles, brings the document's state up to date and tells the surfaces. */
  private scheduleRefresh(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
        if (!document) return;
        this.stateFor(document).then(
          () => this.changed.fire(uri),
          (error: unknown) => log().error(`Updating ${key} failed:`, error),
        );
      }, settleMs),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.states.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
    this.states.clear();
  }
}
