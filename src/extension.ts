import * as vscode from 'vscode';
import { mentionsLlmSdk, skipReason } from './core/analysis';
import type { ParserHost } from './core/parsing';
import type { LlmCostLensApi } from './editor/api';
import { CommandIds } from './editor/commandIds';
import { registerCompressCodeActions } from './editor/compress/codeActions';
import { callsUsing, compressionCallCost, compressionSaving } from './editor/compress/figures';
import { registerCompressor } from './editor/compress/register';
import { registerCostSurfaces, type CostSurfaces } from './editor/costSurfaces';
import { DocumentAnalysisService } from './editor/documentAnalysis';
import { DocumentModel } from './editor/documentModel';
import { WorkspaceIndexService } from './editor/workspaceIndexService';
import { registerFindings, type FindingSurfaces } from './editor/findings/register';
import { createLog, errorsLogged } from './editor/log';
import { lazyParserHost } from './editor/parserHost';
import { registerPriceUpdates } from './editor/prices/register';
import { PricingService, readCostSettings } from './editor/pricingService';
import { registerWorkspaceReport } from './editor/report/register';
import type { RegisteredReport } from './editor/report/register';

/** What the activation steps share; each piece is created once and owned by the extension context. */
interface Services {
  parserHost: () => ParserHost;
  pricing: PricingService;
  analysis: DocumentAnalysisService;
  model: DocumentModel;
  surfaces?: CostSurfaces;
  findings?: FindingSurfaces;
  workspaceIndex: WorkspaceIndexService;
  report?: RegisteredReport;
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
    (context, { parserHost, pricing, analysis }) =>
      registerCompressor(context, parserHost, {
        callCost: (model, usage) => compressionCallCost(pricing.table(), model, usage),
        saving: async (document, range, before, after) => {
          const { calls } = await analysis.analysisFor(document);
          return compressionSaving(
            callsUsing(calls, range),
            pricing.table(),
            readCostSettings(document.uri),
            before,
            after,
          );
        },
      }),
  ],
  ['offer compression on long prompts', (context, { analysis }) => registerCompressCodeActions(context, analysis)],
  ['keep prices current', (context, { pricing }) => registerPriceUpdates(context, pricing)],
  [
    'show costs in the editor',
    (context, services) => {
      services.surfaces = registerCostSurfaces(context, services.model, services.pricing, services.parserHost);
    },
  ],
  [
    'check calls against the cost rules',
    (context, services) => {
      services.findings = registerFindings(context, services.model);
    },
  ],
  [
    'set up the workspace cost report',
    (context, services) => {
      services.report = registerWorkspaceReport(context, services);
    },
  ],
];

export async function activate(context: vscode.ExtensionContext): Promise<LlmCostLensApi | undefined> {
  const activationStarted = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  const parserHost = lazyParserHost(context);
  const pricing = new PricingService();
  // Models set in other files (config modules, settings classes, .env) are followed through the workspace index.
  const workspaceIndex = new WorkspaceIndexService(parserHost);
  const analysis = new DocumentAnalysisService(parserHost, { skipReason, mentionsLlmSdk }, workspaceIndex);
  const model = new DocumentModel(analysis, pricing);
  context.subscriptions.push(pricing, workspaceIndex, analysis, model);
  const services: Services = { parserHost, pricing, analysis, model, workspaceIndex };
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
      return undefined;
    }
  }
  log.info(`Activated (VS Code ${vscode.version}).`);
  const { surfaces, findings, report } = services;
  return {
    analysisFor: (document) => analysis.analysisFor(document),
    costsFor: async (document) => {
      const state = await model.stateFor(document);
      const { version, calls, costs, skipped, timings } = state;
      return { version, calls, costs, skipped, timings };
    },
    findingsFor: async (document) => {
      const state = await model.stateFor(document);
      return { version: state.version, findings: findings ? state.get(findings.slot) : [] };
    },
    diagnosticsShownFor: (uri) => findings?.diagnostics.shownVersion(uri),
    holdsTreeFor: (uri) => analysis.hasTree(uri),
    priceTable: () => pricing.table(),
    onDidChangePriceTable: pricing.onDidChange,
    statusBar: () => surfaces?.statusBar.shown(),
    modelPick: () => surfaces?.chooser.showing(),
    lastHover: () => surfaces?.hover.lastServed,
    errorsLogged,
    lensesServed: (uri) => {
      const served = surfaces?.lenses.lastServed;
      return served && served.uri === uri.toString() ? { version: served.version, at: served.at } : undefined;
    },
    workspaceReport: () => report?.report.view(),
    workspaceReportSerializer: () => report?.serializer,
    firstLensesMs: () => {
      const first = surfaces?.lenses.firstLensesAt;
      return first === undefined ? undefined : first - activationStarted;
    },
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
