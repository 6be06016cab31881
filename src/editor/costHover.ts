import * as vscode from 'vscode';
import { cheapestAlternatives, explainCall, whatIfs } from '../core/cost';
import { callAt, callRef, methodName, toRange } from './callLocation';
import { surfaceEnabled } from './config';
import type { DocumentModel } from './documentModel';
import { explanationMarkdown } from './explanationMarkdown';
import type { PricingService } from './pricingService';

/** Where the last cost hover was given, and whether a lens click asked for it. */
export interface HoverServed {
  uri: string;
  line: number;
  character: number;
  forced: boolean;
}

/**
 * The cost hover over a call's method name and its model argument: the core's explanation of the figure, what
 * caching and batch would change, the assumptions with their settings, and the cheapest suitable models.
 */
export class CostHoverProvider implements vscode.HoverProvider {
  /** A hover asked for by clicking a lens shows even when hovers are turned off. */
  private forced: { uri: string; offset: number } | undefined;
  /** The last hover given (for the tests: a lens click must end in one). */
  lastServed: HoverServed | undefined;

  constructor(
    private readonly model: DocumentModel,
    private readonly pricing: PricingService,
  ) {}

  /** Lets the next hover at this place show whatever `llmCostLens.hover.enabled` says. */
  forceAt(uri: vscode.Uri, offset: number): void {
    this.forced = { uri: uri.toString(), offset };
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const offset = document.offsetAt(position);
    const forced = this.forced?.uri === document.uri.toString() && this.forced.offset === offset;
    this.forced = undefined;
    if (!forced && !surfaceEnabled('hover', document.uri)) return undefined;
    const state = await this.model.stateFor(document);
    if (token.isCancellationRequested || state.version !== document.version) return undefined;
    const index = callAt(state, offset);
    if (index < 0) return undefined;
    const call = state.calls[index];
    const cost = state.costs[index];
    const context = state.context;
    const explanation = explainCall(call, cost, {
      whatIfs: whatIfs(call, context, cost),
      alternatives: cheapestAlternatives(call, context, { current: cost }),
    });
    const name = methodName(state, call);
    const model = call.argumentRanges.model;
    const range = model && model.start <= offset && offset <= model.end ? model : name;
    const markdown = explanationMarkdown(
      explanation,
      this.pricing.status(document.uri),
      cost.monthlyUsd ? undefined : callRef(state, call),
    );
    const hover = new vscode.Hover(markdown, toRange(state, range));
    this.lastServed = { uri: document.uri.toString(), line: position.line, character: position.character, forced };
    return hover;
  }
}
