// A small line chart in plain SVG (no chart library): values over time, the latest value in words, and a
// text alternative for screen readers. Colours come from the theme so it works in high contrast.
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';

export interface Point {
  readonly at: number;
  readonly value: number;
}

const W = 300;
const H = 80;
const PAD = 4;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: '220px', flexGrow: 1 },
  svg: { width: '100%', height: `${H}px`, display: 'block' },
});

/** The polyline's points for `series` within [from, to] × [0, max] (max at least 1 so a flat 0 is drawn). */
export function linePoints(series: readonly Point[], from: number, to: number, max: number): string {
  const span = Math.max(1, to - from);
  const top = Math.max(1, max);
  return series
    .map((p) => {
      const x = PAD + ((p.at - from) / span) * (W - 2 * PAD);
      const y = H - PAD - (Math.min(p.value, top) / top) * (H - 2 * PAD);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

interface SparkChartProps {
  readonly title: string;
  readonly series: readonly Point[];
  /** Top of the scale, e.g. the quota; defaults to the largest value. */
  readonly max?: number;
  readonly format: (value: number) => string;
  readonly windowMs: number;
  readonly now: number;
}

export function SparkChart({ title, series, max, format, windowMs, now }: SparkChartProps) {
  const styles = useStyles();
  const from = now - windowMs;
  const shown = series.filter((p) => p.at >= from);
  const top = max ?? Math.max(0, ...shown.map((p) => p.value));
  const latest = shown[shown.length - 1];
  const peak = shown.length ? Math.max(...shown.map((p) => p.value)) : null;
  const summary = latest
    ? `${title}: now ${format(latest.value)}, peak ${format(peak ?? 0)} over the last ${Math.round(windowMs / 60_000)} minutes`
    : `${title}: no samples yet`;
  return (
    <figure className={styles.root} style={{ margin: 0 }}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
      >
        <rect x="0" y="0" width={W} height={H} fill="none" stroke={tokens.colorNeutralStroke2} />
        {max !== undefined ? (
          <line
            x1={PAD}
            x2={W - PAD}
            y1={PAD}
            y2={PAD}
            stroke={tokens.colorPaletteRedBorder2}
            strokeDasharray="4 3"
          />
        ) : null}
        {shown.length > 0 ? (
          <polyline
            points={linePoints(shown, from, now, top)}
            fill="none"
            stroke={tokens.colorBrandForeground1}
            strokeWidth="2"
            vectorEffect="non-scaling-stroke"
          />
        ) : null}
      </svg>
      <figcaption>
        <Caption1>{summary}</Caption1>
      </figcaption>
    </figure>
  );
}
