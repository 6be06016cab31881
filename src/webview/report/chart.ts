import type { ChartBar } from '../../core/report/model';
import { s, h } from './dom';
import { labelWithWritten, monthly, plural } from './figures';

const rowHeight = 26;
const barHeight = 16;
const valueWidth = 130;
/** Room for the longest label at about 7 pixels a character, within bounds. */
const labelWidthFor = (bars: readonly ChartBar[]): number =>
  Math.min(180, Math.max(90, 7 * Math.max(...bars.map((b) => Math.min(b.label.length, 24))) + 12));

/**
 * Monthly spend by model as horizontal bars, drawn as inline SVG at the width it is given (no script or font
 * from elsewhere). Calls without a price get a hatched mark and the words `not priced`, never a $0 bar.
 */
export function spendChart(bars: readonly ChartBar[], width: number): Element {
  if (bars.length === 0) return h('p', { class: 'muted' }, 'No calls to chart.');
  const labelWidth = labelWidthFor(bars);
  const largest = Math.max(...bars.map((b) => b.monthlyUsd ?? 0), 0);
  const plot = Math.max(40, width - labelWidth - valueWidth);
  const height = bars.length * rowHeight + 4;
  const total = bars.reduce((sum, b) => sum + (b.monthlyUsd ?? 0), 0);
  const description = bars
    .map(
      (b) => `${labelWithWritten(b.label, b.written)}: ${b.monthlyUsd === null ? 'not priced' : monthly(b.monthlyUsd)}`,
    )
    .join('; ');
  const svg = s(
    'svg',
    {
      class: 'chart',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Monthly spend by model. ${description}`,
    },
    s(
      'defs',
      {},
      s(
        'pattern',
        { id: 'unpriced', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        s('rect', { width: 2, height: 6, class: 'hatch' }),
      ),
    ),
  );
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 2;
    const middle = y + rowHeight / 2;
    const share = bar.monthlyUsd !== null && total > 0 ? ` · ${Math.round((bar.monthlyUsd / total) * 100)}%` : '';
    const length = bar.monthlyUsd === null || largest === 0 ? 0 : Math.max(2, (bar.monthlyUsd / largest) * plot);
    const group = s('g', { class: bar.monthlyUsd === null ? 'bar unpriced' : `bar series-${i % 6}` });
    group.append(
      s(
        'title',
        {},
        `${labelWithWritten(bar.label, bar.written)}: ${plural(bar.calls, 'call')}, ${bar.monthlyUsd === null ? (bar.reason ?? 'no price') : monthly(bar.monthlyUsd)}`,
      ),
      s(
        'text',
        { x: labelWidth - 10, y: middle, class: 'label', 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        clip(bar.label, 24),
      ),
      bar.monthlyUsd === null
        ? s('rect', {
            x: labelWidth,
            y: middle - barHeight / 2,
            width: 28,
            height: barHeight,
            fill: 'url(#unpriced)',
            class: 'unpriced-mark',
          })
        : s('rect', { x: labelWidth, y: middle - barHeight / 2, width: length, height: barHeight, rx: 2 }),
      s(
        'text',
        {
          x: labelWidth + (bar.monthlyUsd === null ? 36 : length + 8),
          y: middle,
          class: 'value',
          'dominant-baseline': 'middle',
        },
        // The label says `not priced`; the tooltip says why.
        bar.monthlyUsd === null ? plural(bar.calls, 'call') : `${monthly(bar.monthlyUsd)}${share}`,
      ),
    );
    svg.append(group);
  });
  return svg;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
