import type { ReportModel } from '../../core/report/model';
import { defaultRowQuery } from '../../core/report/rows';
import {
  isReportPageState,
  type ExportFormat,
  type HostMessage,
  type ReportPageState,
  type ScanStatus,
  type ViewMessage,
} from '../../editor/report/protocol';
import { breakdown } from './breakdown';
import { CallTable } from './callTable';
import { spendChart } from './chart';
import { h } from './dom';
import { monthly, notPricedReason, plural, worstCase } from './figures';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
/** The state a restored panel's serializer wrote into the page (what the page of the last session stored). */
function handedBack(): unknown {
  const written = app.dataset.restoredState;
  try {
    return written === undefined ? undefined : JSON.parse(written);
  } catch {
    return undefined;
  }
}

// What the user set is kept through reloads of the page (its own state) and of the window (handed back).
const stored: unknown = vscode.getState();
const restored = handedBack();
const saved: ReportPageState = isReportPageState(stored)
  ? stored
  : isReportPageState(restored)
    ? restored
    : { query: defaultRowQuery };
if (saved !== stored) vscode.setState(saved);
let report: ReportModel | undefined;
const statusLine = h('p', { class: 'status', role: 'status' });

const table = new CallTable(saved.query, {
  query: (query) => {
    vscode.setState({ query } satisfies ReportPageState);
    acknowledge();
  },
  open: (call) => vscode.postMessage({ type: 'open', file: call.file, line: call.line, column: call.column }),
});

function post(message: ViewMessage): void {
  vscode.postMessage(message);
}

/** Tells the extension what is on screen (the in-host test compares it with the CLI's scan). */
function acknowledge(): void {
  if (!report) return;
  post({
    type: 'rendered',
    rendered: {
      computedAt: report.computedAt,
      monthlyUsd: report.totals.monthlyUsd.expected,
      calls: report.totals.calls,
      unpriced: report.totals.unpriced,
      rows: table.shown.length,
      sort: table.order.sort,
      direction: table.order.direction,
      order: table.shown.slice(0, 100).map((call) => call.id),
    },
  });
}

function button(label: string, title: string, onClick: () => void, secondary = true): HTMLButtonElement {
  return h('button', { type: 'button', class: secondary ? 'secondary' : undefined, title, onclick: onClick }, label);
}

const exportAs = (format: ExportFormat) => () => post({ type: 'export', format });

function header(model: ReportModel): HTMLElement {
  const { totals, prices, scope } = model;
  const unpriced =
    totals.unpriced > 0
      ? h(
          'span',
          { class: 'unknown' },
          `${plural(totals.unpriced, 'call')} not priced (${notPricedReason(totals)}) — not in the total`,
        )
      : null;
  const where = scope.folders.join(', ');
  return h(
    'header',
    { class: 'top' },
    h(
      'div',
      { class: 'headline' },
      h('h1', {}, `LLM cost of ${where}`),
      // No call priced: the total is not known, and is not shown as $0.
      totals.calls === 0
        ? h('p', { class: 'total' }, h('span', { class: 'amount' }, 'No LLM calls found'))
        : totals.priced === 0
          ? h('p', { class: 'total' }, h('span', { class: 'amount unknown' }, 'cost not known'))
          : h(
              'p',
              { class: 'total' },
              h(
                'span',
                { class: 'amount' },
                `${totals.unpriced > 0 ? '≥ ' : ''}${monthly(totals.monthlyUsd.expected)}`,
              ),
              h('span', { class: 'muted' }, ` expected · ${worstCase(totals.monthlyUsd)}`),
            ),
      h(
        'p',
        { class: 'facts' },
        `${plural(totals.calls, 'call')} in ${plural(model.byFile.length, 'file')} (${plural(scope.files, 'source file')} scanned) · ${plural(totals.findings, 'finding')} `,
        unpriced,
      ),
      h(
        'p',
        { class: prices.stale ? 'prices stale' : 'prices muted' },
        `Prices: ${prices.label}, as of ${prices.pricesAsOf}`,
        prices.stale ? ` — ${prices.ageDays} days old; run LLM Cost Lens: Update Prices` : '',
      ),
      scope.cancelled
        ? h('p', { class: 'warning' }, 'The scan was cancelled: these figures cover only part of the workspace.')
        : null,
    ),
    h(
      'div',
      { class: 'actions' },
      button('Export CSV', 'Save every call as CSV', exportAs('csv'), false),
      button('Export JSON', 'Save the whole report as JSON', exportAs('json')),
      button('Rescan', 'Scan the whole workspace again', () => post({ type: 'rescan' })),
    ),
  );
}

let chartHolder: HTMLElement | undefined;

function drawChart(): void {
  if (!report || !chartHolder) return;
  chartHolder.replaceChildren(spendChart(report.chart, Math.max(320, chartHolder.clientWidth)));
}

const resizes = new ResizeObserver(() => drawChart());

function render(model: ReportModel): void {
  report = model;
  chartHolder = h('div', { class: 'chart-holder' });
  const skipped =
    model.scope.skipped.length > 0
      ? h(
          'details',
          { class: 'skipped' },
          h('summary', {}, `${plural(model.scope.skipped.length, 'file')} not read`),
          h('ul', {}, ...model.scope.skipped.slice(0, 200).map((s) => h('li', {}, `${s.file}: ${s.reason}`))),
        )
      : null;
  table.setCalls(model.calls);
  app.replaceChildren(
    header(model),
    statusLine,
    h(
      'div',
      { class: 'overview' },
      h(
        'section',
        { class: 'spend', 'aria-labelledby': 'chart-title' },
        h('h2', { id: 'chart-title' }, 'Monthly spend by model'),
        chartHolder,
        h(
          'details',
          { class: 'all-models' },
          h('summary', {}, `Every model as a table (${model.byModel.length})`),
          breakdown('By model', 'Model', model.byModel, model.byModel.length),
        ),
      ),
      breakdown('By provider', 'Provider', model.byProvider, 6),
      breakdown('By file', 'File', model.byFile, 8),
    ),
    table.element,
    h(
      'footer',
      { class: 'assumptions' },
      h('h2', {}, 'Assumptions'),
      h('ul', {}, ...model.assumptions.map((a) => h('li', {}, a))),
      skipped,
    ),
  );
  app.removeAttribute('aria-busy');
  resizes.disconnect();
  resizes.observe(chartHolder);
  drawChart();
  acknowledge();
}

function showStatus(status: ScanStatus): void {
  statusLine.textContent = status.message;
  statusLine.className = `status ${status.state}`;
  // No folder: there is nothing the figures could be of.
  if (status.state === 'no-folder') report = undefined;
  if (!report) {
    app.replaceChildren(statusLine);
    app.setAttribute('aria-busy', String(status.state === 'scanning'));
  }
  post({ type: 'status-shown', state: status.state, overFigures: report !== undefined });
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'report') {
    statusLine.textContent = '';
    render(message.report);
  } else if (message.type === 'status') showStatus(message.status);
});

post({ type: 'ready' });
