import type { TotalRow } from '../../core/workspace/totals';
import { h } from './dom';
import { labelWithWritten, monthly, moreRowsNote, notPricedReason, plural, writtenAs } from './figures';

/** A total per provider, model or file: calls, expected $/month, and the calls in it that have no price. */
export function breakdown(title: string, keyTitle: string, rows: readonly TotalRow[], limit: number): HTMLElement {
  const shown = rows.slice(0, limit);
  const rest = rows.length - shown.length;
  const id = `${keyTitle.toLowerCase()}-title`;
  return h(
    'section',
    { class: 'breakdown', 'aria-labelledby': id },
    h('h2', { id }, title),
    h(
      'table',
      { class: 'compact' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, keyTitle),
          h('th', { scope: 'col', class: 'num' }, 'Calls'),
          h('th', { scope: 'col', class: 'num' }, '$/month'),
        ),
      ),
      h(
        'tbody',
        {},
        ...shown.map((row) => {
          const priced = row.calls - row.unpriced;
          const figure =
            priced === 0
              ? h('span', { class: 'unknown' }, 'not priced')
              : h(
                  'span',
                  {},
                  monthly(row.monthlyUsd.expected),
                  row.unpriced > 0
                    ? h(
                        'span',
                        {
                          class: 'unknown note',
                          title: `${plural(row.unpriced, 'call')} not priced: ${notPricedReason(row)}`,
                        },
                        `+ ${plural(row.unpriced, 'call')} not priced`,
                      )
                    : null,
                );
          return h(
            'tr',
            {},
            h(
              'td',
              { class: 'key', title: labelWithWritten(row.key, row.written) },
              row.key,
              row.written ? h('span', { class: 'muted note' }, writtenAs(row.written)) : null,
            ),
            h('td', { class: 'num' }, row.calls.toLocaleString('en-US')),
            h('td', { class: 'num strong' }, figure),
          );
        }),
      ),
    ),
    rest > 0 ? h('p', { class: 'muted more' }, moreRowsNote(rest, keyTitle)) : null,
  );
}
