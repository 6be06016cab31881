import type { ReportCall } from '../../core/report/model';
import { selectRows, type RowQuery, type SortKey } from '../../core/report/rows';
import { h } from './dom';
import { formatTokens, formatUsd, monthly, plural } from './figures';

interface Column {
  key: SortKey;
  title: string;
  numeric: boolean;
  /** The direction a first click sorts in: the largest figures first. */
  first: RowQuery['direction'];
}

const columns: Column[] = [
  { key: 'location', title: 'Call', numeric: false, first: 'ascending' },
  { key: 'model', title: 'Model', numeric: false, first: 'ascending' },
  { key: 'tokens', title: 'Input tokens', numeric: true, first: 'descending' },
  { key: 'perCall', title: '$/call', numeric: true, first: 'descending' },
  { key: 'monthly', title: '$/month', numeric: true, first: 'descending' },
  { key: 'findings', title: 'Findings', numeric: false, first: 'descending' },
];

export interface CallTableEvents {
  query(query: RowQuery): void;
  open(call: ReportCall): void;
}

function modelCell(call: ReportCall): HTMLElement {
  if (call.pricedAs) {
    const alias = call.model && call.model !== call.pricedAs ? ` (${call.model})` : '';
    return h('td', { title: `model ${call.modelSource}; priced as ${call.pricedAs}` }, `${call.pricedAs}${alias}`);
  }
  const name = call.model ?? 'model not resolved';
  return h(
    'td',
    { class: 'unknown', title: `${call.unknownReason ?? 'model not known'} — model ${call.modelSource}` },
    h('span', { class: 'codicon-like' }, '?'),
    ` ${name}`,
    h('span', { class: 'tag' }, 'unknown'),
  );
}

function findingsCell(call: ReportCall): HTMLElement {
  if (call.findings.length === 0) return h('td', { class: 'muted' }, '—');
  return h(
    'td',
    { class: 'findings', title: call.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`).join('\n') },
    ...call.findings.map((f) => h('span', { class: `finding ${f.severity}` }, f.code)),
  );
}

function row(call: ReportCall, events: CallTableEvents): HTMLTableRowElement {
  const where = `${call.file}:${call.line}${call.cell !== undefined ? ` (cell ${call.cell})` : ''}`;
  const unpriced = call.monthlyUsd === null;
  const tr = h(
    'tr',
    {
      tabindex: 0,
      'data-call': call.id,
      class: unpriced ? 'unpriced' : undefined,
      'aria-label': `${where}, ${call.pricedAs ?? call.model ?? 'model not resolved'}, ${unpriced ? 'not priced' : monthly(call.monthlyUsd?.expected ?? 0)}. Press Enter to open.`,
      onclick: () => events.open(call),
      onkeydown: (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          events.open(call);
        } else if (key === 'ArrowDown' || key === 'ArrowUp') {
          event.preventDefault();
          const next = key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
          (next as HTMLElement | null)?.focus();
        }
      },
    },
    h(
      'td',
      { class: 'location' },
      h('span', { class: 'file' }, where),
      h('span', { class: 'api' }, `${call.sdk} · ${call.api}${call.functionName ? ` · ${call.functionName}` : ''}`),
    ),
    modelCell(call),
    h(
      'td',
      { class: 'num', title: call.inputExact ? 'exact count' : 'estimated (≈)' },
      call.inputTokens === null ? '—' : `${call.inputExact ? '' : '≈'}${formatTokens(call.inputTokens)}`,
    ),
    h(
      'td',
      { class: 'num' },
      call.perCallUsd === null ? h('span', { class: 'unknown' }, 'not priced') : formatUsd(call.perCallUsd),
    ),
    h(
      'td',
      {
        class: 'num strong',
        title: call.monthlyUsd
          ? `${call.callsPerDay.toLocaleString('en-US')} calls a day; worst case ${call.monthlyUsd.worst === null ? 'unknown' : monthly(call.monthlyUsd.worst)}`
          : (call.unknownReason ?? ''),
      },
      call.monthlyUsd === null ? h('span', { class: 'unknown' }, 'not priced') : monthly(call.monthlyUsd.expected),
    ),
    findingsCell(call),
  );
  return tr;
}

/** The table of every call: a filter, sortable headers (buttons with aria-sort), focusable rows that open the code. */
export class CallTable {
  readonly element: HTMLElement;
  private readonly body = h('tbody');
  private readonly head = h('tr');
  private readonly count = h('span', { class: 'muted', 'aria-live': 'polite' });
  private calls: readonly ReportCall[] = [];
  /** The rows shown, in order. */
  shown: readonly ReportCall[] = [];

  constructor(
    private query: RowQuery,
    private readonly events: CallTableEvents,
  ) {
    const filter = h('input', {
      type: 'search',
      placeholder: 'Filter by file, model, provider, API or finding',
      'aria-label': 'Filter the calls',
      value: query.text,
    });
    filter.addEventListener('input', () => this.update({ text: filter.value }));
    const toggle = (label: string, key: 'withFindings' | 'unpricedOnly'): HTMLElement => {
      const box = h('input', { type: 'checkbox', checked: this.query[key] });
      box.addEventListener('change', () => this.update({ [key]: box.checked }));
      return h('label', { class: 'toggle' }, box, ` ${label}`);
    };
    this.element = h(
      'section',
      { class: 'calls', 'aria-labelledby': 'calls-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'calls-title' }, 'Calls'), this.count),
      h(
        'div',
        { class: 'toolbar' },
        filter,
        toggle('with findings', 'withFindings'),
        toggle('not priced', 'unpricedOnly'),
      ),
      h('div', { class: 'table-wrap' }, h('table', { class: 'grid' }, h('thead', {}, this.head), this.body)),
    );
  }

  get order(): RowQuery {
    return this.query;
  }

  setCalls(calls: readonly ReportCall[]): void {
    this.calls = calls;
    this.render();
  }

  private update(change: Partial<RowQuery>): void {
    this.query = { ...this.query, ...change };
    this.render();
    this.events.query(this.query);
  }

  private header(column: Column): HTMLTableCellElement {
    const active = this.query.sort === column.key;
    const next: RowQuery['direction'] = active
      ? this.query.direction === 'ascending'
        ? 'descending'
        : 'ascending'
      : column.first;
    const arrow = active ? (this.query.direction === 'ascending' ? '▲' : '▼') : '';
    return h(
      'th',
      { scope: 'col', class: column.numeric ? 'num' : undefined, 'aria-sort': active ? this.query.direction : 'none' },
      h(
        'button',
        {
          type: 'button',
          class: 'sort',
          title: `Sort by ${column.title.toLowerCase()}`,
          onclick: () => this.update({ sort: column.key, direction: next }),
        },
        column.title,
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow),
      ),
    );
  }

  private render(): void {
    const focusedSort = (document.activeElement as HTMLElement | null)?.closest('th') ? this.query.sort : undefined;
    this.head.replaceChildren(...columns.map((c) => this.header(c)));
    if (focusedSort) {
      const index = columns.findIndex((c) => c.key === focusedSort);
      this.head.querySelectorAll('button')[index]?.focus();
    }
    const rows = selectRows(this.calls, this.query);
    this.shown = rows;
    this.count.textContent =
      rows.length === this.calls.length
        ? plural(this.calls.length, 'call')
        : `${rows.length.toLocaleString('en-US')} of ${plural(this.calls.length, 'call')}`;
    this.body.replaceChildren(
      ...(rows.length > 0
        ? rows.map((call) => row(call, this.events))
        : [h('tr', {}, h('td', { colspan: columns.length, class: 'muted empty' }, 'No call matches the filter.'))]),
    );
  }
}
