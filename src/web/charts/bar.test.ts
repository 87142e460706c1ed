/** The bar chart: widths proportional to the values, nothing drawn for null, accessible markup. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BarChart, barWidths, LAYOUT, PLOT_WIDTH } from './bar.tsx';

describe('bar chart', () => {
  it('widths: the largest spans the plot, the rest in proportion; 0 and null draw nothing', () => {
    assert.deepEqual(barWidths([10, 5, 0, null], 200), [200, 100, 0, 0]);
    assert.deepEqual(barWidths([1000, 1], 100), [100, 1], 'a positive value shows (≥ 1 px)');
    assert.deepEqual(barWidths([null, 0]), [0, 0]);
    assert.equal(barWidths([3])[0], PLOT_WIDTH);
  });

  it('an svg with role img, its title and desc, a rect per value, the missing text for null', () => {
    const html = String(
      BarChart({
        id: 'c',
        title: 'Packs by product',
        desc: 'Bars: packs a year',
        series: [{ name: 'Packs' }],
        rows: [
          { label: 'a', values: [40] },
          { label: 'b', values: [10] },
          { label: 'c', values: [null] },
        ],
        missing: 'missing',
      }),
    );
    assert.match(
      html,
      /^<svg class="chart" role="img" aria-labelledby="c-title" aria-describedby="c-desc"/,
    );
    assert.match(html, /<title id="c-title">Packs by product<\/title>/);
    assert.match(html, /<desc id="c-desc">Bars: packs a year<\/desc>/);
    const widths = [
      ...html.matchAll(/<rect class="bar bar-0" x="\d+" y="\d+" width="([\d.]+)"/g),
    ].map((m) => Number(m[1]));
    assert.deepEqual(widths, [PLOT_WIDTH, PLOT_WIDTH / 4, 0]);
    assert.match(html, />missing<\/text>/);
    assert.equal(LAYOUT.labelWidth + PLOT_WIDTH + LAYOUT.valueWidth, LAYOUT.width);
  });
});
