import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChartFrame, type ChartFrameProps } from './chart-frame';
import styles from './charts.module.css';

interface Row {
  name: string;
  value: number;
}

type Props = Omit<ChartFrameProps<Row>, 'children'>;

/** A frame around a stand-in drawing, given as createElement's third argument. */
const frame = (props: Partial<Props> = {}) =>
  renderToStaticMarkup(
    createElement(
      ChartFrame<Row>,
      {
        title: 'Returns by reason',
        summary: 'Damaged leads with 3 returns.',
        height: 200,
        legend: [{ label: 'Returns per reason', color: 'var(--accent)', shape: 'bar' }],
        table: {
          caption: 'Returns by reason, most frequent first',
          rows: [
            { name: 'Damaged', value: 3 },
            { name: 'Late', value: 1 },
          ],
          rowKey: (r) => r.name,
          rowHeader: { header: 'Reason', cell: (r) => r.name },
          columns: [
            { header: 'Returns', numeric: true, cell: (r) => String(r.value) },
            false,
            null,
            { header: 'Note', cell: (r) => (r.value > 2 ? 'most' : '—') },
          ],
        },
        ...props,
      } satisfies Props as ChartFrameProps<Row>,
      createElement('svg', { 'data-drawing': true }),
    ),
  );

describe('the chart frame', () => {
  it('names the figure by its title and describes it by its summary', () => {
    const html = frame();
    const [, title] = html.match(/aria-labelledby="([^"]+)"/)!;
    const [, summary] = html.match(/aria-describedby="([^"]+)"/)!;
    expect(html).toContain(`<span id="${title}" class="${styles.title}">Returns by reason</span>`);
    expect(html).toContain(`<span id="${summary}" class="${styles.summary}">Damaged leads`);
    expect(frame({ hideTitle: true })).toContain(
      'class="visually-hidden">Returns by reason</span>',
    );
  });

  it('hides the drawing from assistive tech and names every mark in a text key', () => {
    const html = frame();
    expect(html).toContain(
      `<div class="${styles.plot}" style="height:200px" aria-hidden="true"><svg data-drawing`,
    );
    expect(html).toContain(`<ul class="${styles.legend}" aria-label="Key">`);
    // The swatch is drawn in the mark's shape (a bar), not only its colour.
    expect(html).toContain(
      `<span class="${styles.swatch} ${styles['swatch-bar']}" style="color:var(--accent)" ` +
        'aria-hidden="true"></span>Returns per reason',
    );
    expect(frame({ legend: [] })).not.toContain('aria-label="Key"');
  });

  it('lists the numbers in a table behind "Data table", leaving out the columns not given', () => {
    const html = frame();
    expect(html).toContain(`<details class="${styles.details}"><summary>Data table</summary>`);
    expect(html).toContain(
      '<table><caption>Returns by reason, most frequent first</caption><thead><tr>' +
        '<th scope="col">Reason</th><th scope="col" class="num">Returns</th><th scope="col">Note</th>' +
        '</tr></thead><tbody>' +
        '<tr><th scope="row" class="row-head">Damaged</th><td class="num">3</td><td>most</td></tr>' +
        '<tr><th scope="row" class="row-head">Late</th><td class="num">1</td><td>—</td></tr>' +
        '</tbody></table>',
    );
  });

  it('says there is nothing to draw instead of drawing, and still lists the table', () => {
    const html = frame({ empty: 'No returns in this range.' });
    expect(html).toContain(`<div class="${styles.empty}">No returns in this range.</div>`);
    expect(html).not.toContain('data-drawing');
    expect(html).toContain('<th scope="row" class="row-head">Damaged</th>');
    expect(frame({ empty: false })).toContain('data-drawing');
  });
});
