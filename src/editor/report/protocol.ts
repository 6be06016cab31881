// The one message contract between the extension and the workspace cost report's webview. Both sides import
// these types (src/editor/report/reportPanel.ts and src/webview/report/main.ts); nothing else crosses.
import type { ReportModel } from '../../core/report/model';
import type { SortDirection, SortKey } from '../../core/report/rows';

/** What the webview shows while there are no figures, or above stale ones. */
export interface ScanStatus {
  state: 'scanning' | 'refreshing' | 'failed';
  message: string;
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
  | { type: 'rendered'; rendered: RenderedReport };

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
    default:
      return false;
  }
}
