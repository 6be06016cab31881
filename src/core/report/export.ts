import { printedNumber, printedNumbers } from '../io/printedNumbers';
import type { ReportCall, ReportModel } from './model';

/** The columns of the CSV export, in order. */
export const csvColumns = [
  'file',
  'line',
  'column',
  'cell',
  'function',
  'sdk',
  'api',
  'provider',
  'model',
  'priced_as',
  'price',
  'input_tokens',
  'input_exact',
  'output_tokens',
  'usd_per_call',
  'usd_per_month',
  'usd_per_month_worst',
  'calls_per_day',
  'findings',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(typeof value === 'number' ? printedNumber(value) : value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: such text fields start with a quote.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(call: ReportCall): string {
  const fields = [
    call.file,
    call.line,
    call.column,
    call.cell,
    call.functionName,
    call.sdk,
    call.api,
    call.provider,
    call.model ?? '',
    call.pricedAs,
    // An unknown model has no price: said in words, never written as 0.
    call.monthlyUsd ? 'priced' : `not priced: ${call.unknownReason ?? 'model not known'}`,
    call.inputTokens,
    call.inputExact,
    call.outputTokens,
    call.perCallUsd,
    call.monthlyUsd?.expected,
    call.monthlyUsd ? (call.monthlyUsd.worst ?? 'unknown') : null,
    call.callsPerDay,
    call.findings.map((f) => f.code).join(' '),
  ];
  return fields.map(csvField).join(',');
}

/** Every call of the report as CSV (one header row, CRLF line ends as RFC 4180 writes them). */
export function reportCsv(model: ReportModel): string {
  return [csvColumns.join(','), ...model.calls.map(csvRow)].join('\r\n') + '\r\n';
}

/** The report as a JSON document: totals, breakdowns, every call with its findings, prices and assumptions. */
export function reportJson(model: ReportModel): string {
  return `${JSON.stringify(model, printedNumbers, 2)}\n`;
}
