// The one message contract between the extension and the workspace cost report's webview. Both sides import
// these types (src/editor/report/reportPanel.ts and src/webview/report/main.ts); nothing else crosses.
import type { ReportModel } from '../../core/report/model';
import { sortKeys, type RowQuery, type SortDirection, type SortKey } from '../../core/report/rows';

/** `no-folder`: the window has no folder to scan (a panel restored into an empty window). */
const scanStates = ['scanning', 'refreshing', 'failed', 'no-folder'] as const;

/** What the webview shows while there are no figures, or above stale ones. */
export interface ScanStatus {
  state: (typeof scanStates)[number];
  message: string;
}

/**
 * What the page keeps of what the user set (`vscode.setState`): VS Code stores it with the panel and hands it to
 * the panel serializer after a window reload, which writes it into the new page (see reportHtml).
 */
export interface ReportPageState {
  query: RowQuery;
}

/** Extension → webview. */
export type HostMessage = { type: 'report'; report: ReportModel } | { type: 'status'; status: ScanStatus };

/** What the webview drew from the last report (the in-host test checks it against the CLI's scan). */
export interface RenderedReport {
  computedAt: string;
  /** The expected monthly total it shows, in dollars. */
  monthlyUsd: number;
  calls: number;
  unpriced: number;
  /** Rows in the table after the filter. */
  rows: number;
  /** The table's order: the sort column and direction, and the ids of its first rows (at most 100). */
  sort: SortKey;
  direction: SortDirection;
  order: number[];
}

/** Webview → extension. */
export type ViewMessage =
  | { type: 'ready' }
  /** Open the code of a listed call (its record's path, as the report gives it). */
  | { type: 'open'; file: string; line: number; column: number }
  | { type: 'export'; format: ExportFormat }
  | { type: 'rescan' }
  | { type: 'rendered'; rendered: RenderedReport }
  /** The page shows a status line, alone or above figures (the in-host test checks no stale figures show). */
  | { type: 'status-shown'; state: ScanStatus['state']; overFigures: boolean };

export type ExportFormat = 'csv' | 'json';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Checks a message from the webview (its content is not trusted to be well formed). */
export function isViewMessage(value: unknown): value is ViewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'rescan':
      return true;
    case 'open':
      return typeof value.file === 'string' && Number.isInteger(value.line) && Number.isInteger(value.column);
    case 'export':
      return value.format === 'csv' || value.format === 'json';
    case 'rendered':
      return isRecord(value.rendered) && typeof value.rendered.monthlyUsd === 'number';
    case 'status-shown':
      return (scanStates as readonly unknown[]).includes(value.state) && typeof value.overFigures === 'boolean';
    default:
      return false;
  }
}

/** Checks a stored page state (VS Code keeps whatever the page stored; an older or broken one is dropped). */
export function isReportPageState(value: unknown): value is ReportPageState {
  if (!isRecord(value) || !isRecord(value.query)) return false;
  const { text, withFindings, unpricedOnly, sort, direction } = value.query;
  return (
    typeof text === 'string' &&
    typeof withFindings === 'boolean' &&
    typeof unpricedOnly === 'boolean' &&
    (sortKeys as readonly unknown[]).includes(sort) &&
    (direction === 'ascending' || direction === 'descending')
  );
}
