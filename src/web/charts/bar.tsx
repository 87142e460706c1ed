/**
 * Horizontal bar charts as server-rendered SVG: no script, no library. Pure — values in, markup
 * out. Accessible: `<svg role="img">` labelled by its `<title>` and described by its `<desc>`;
 * the same numbers are always in a table beside it (the caller's), so the chart adds a picture,
 * never information only a picture holds. A value left out (null: suppressed or missing) draws
 * no bar and is labelled with the caller's text. Several series draw side-by-side bars per row.
 */

export interface BarSeries {
  /** The series' name (the legend) and its CSS class (`bar-0`, `bar-1`…: colours in the CSS). */
  name: string;
}

export interface BarRow {
  label: string;
  /** One value per series; null: no bar (the caller says why in `missing`). */
  values: (number | null)[];
}

export interface BarChartProps {
  id: string;
  title: string;
  desc: string;
  series: readonly BarSeries[];
  rows: readonly BarRow[];
  /** The text drawn where a value is null. */
  missing: string;
  /** How numbers are written (the page's locale). */
  format?: (n: number) => string;
}

export const LAYOUT = {
  width: 640,
  labelWidth: 200,
  valueWidth: 90,
  barHeight: 14,
  rowGap: 10,
  top: 8,
} as const;

/** The plot's width in px (between the labels and the value column). */
export const PLOT_WIDTH = LAYOUT.width - LAYOUT.labelWidth - LAYOUT.valueWidth;

/**
 * Each value's bar width: proportional to the largest value of the chart (which spans the plot);
 * 0 for a zero, a negative or a null; a positive value never thinner than 1 px, so it shows.
 */
export function barWidths(values: readonly (number | null)[], plot = PLOT_WIDTH): number[] {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  return values.map((v) => {
    if (v === null || v <= 0 || max === 0) return 0;
    return Math.max(1, Math.round((v / max) * plot * 10) / 10);
  });
}

const clip = (text: string, max = 30) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function BarChart(props: BarChartProps) {
  const { series, rows } = props;
  const format = props.format ?? ((n: number) => String(n));
  const n = Math.max(1, series.length);
  const rowHeight = n * LAYOUT.barHeight + LAYOUT.rowGap;
  const height = LAYOUT.top * 2 + rows.length * rowHeight + (n > 1 ? 24 : 0);
  const widths = barWidths(rows.flatMap((r) => r.values));
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      viewBox={`0 0 ${LAYOUT.width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.desc}</desc>
      {rows.map((row, i) => {
        const y = LAYOUT.top + i * rowHeight;
        return (
          <g>
            <text
              x={LAYOUT.labelWidth - 6}
              y={y + (n * LAYOUT.barHeight) / 2 + 4}
              text-anchor="end"
            >
              {clip(row.label)}
            </text>
            {row.values.map((v, s) => {
              const w = widths[i * row.values.length + s] ?? 0;
              const by = y + s * LAYOUT.barHeight;
              return (
                <>
                  <rect
                    class={`bar bar-${s}`}
                    x={LAYOUT.labelWidth}
                    y={by}
                    width={w}
                    height={LAYOUT.barHeight - 2}
                  />
                  <text x={LAYOUT.labelWidth + w + 4} y={by + LAYOUT.barHeight - 4}>
                    {v === null ? props.missing : format(v)}
                  </text>
                </>
              );
            })}
          </g>
        );
      })}
      {n > 1
        ? series.map((s, i) => (
            <g>
              <rect
                class={`bar bar-${i}`}
                x={LAYOUT.labelWidth + i * 140}
                y={height - 18}
                width={12}
                height={12}
              />
              <text x={LAYOUT.labelWidth + i * 140 + 16} y={height - 8}>
                {s.name}
              </text>
            </g>
          ))
        : null}
    </svg>
  );
}
