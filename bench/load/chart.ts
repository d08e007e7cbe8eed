// The chart in docs/BENCHMARKS.md: staleness p99 and presence accuracy against load (agents at the same
// quota), ours and the 10 s poller's, as a dependency-free SVG.
export interface ChartPoint {
  readonly agents: number;
  readonly oursP99S: number;
  readonly baseP99S: number;
  readonly oursAccuracyPct: number;
  readonly baseAccuracyPct: number;
}

const W = 360;
const H = 220;
const PAD = { left: 50, right: 12, top: 28, bottom: 40 };

function panel(
  x0: number,
  title: string,
  points: readonly ChartPoint[],
  series: readonly { pick: (p: ChartPoint) => number; color: string; label: string }[],
  yMax: number,
  yLabel: string,
): string {
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const xs = points.map((_, i) => PAD.left + (points.length === 1 ? iw / 2 : (i * iw) / (points.length - 1)));
  const y = (v: number) => PAD.top + ih - (Math.min(v, yMax) / yMax) * ih;
  const out: string[] = [`<g transform="translate(${x0},0)">`];
  out.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-weight="bold">${title}</text>`);
  out.push(
    `<line x1="${PAD.left}" y1="${PAD.top + ih}" x2="${W - PAD.right}" y2="${PAD.top + ih}" stroke="#333"/>`,
  );
  out.push(`<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + ih}" stroke="#333"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4;
    out.push(
      `<text x="${PAD.left - 4}" y="${y(v) + 4}" text-anchor="end" font-size="10">${+v.toFixed(1)}</text>`,
    );
    out.push(`<line x1="${PAD.left}" y1="${y(v)}" x2="${W - PAD.right}" y2="${y(v)}" stroke="#ddd"/>`);
  }
  points.forEach((p, i) => {
    out.push(
      `<text x="${xs[i]}" y="${PAD.top + ih + 14}" text-anchor="middle" font-size="10">${p.agents.toLocaleString('en')}</text>`,
    );
  });
  out.push(
    `<text x="${W / 2}" y="${H - 6}" text-anchor="middle" font-size="11">linked agents (same quota)</text>`,
  );
  out.push(
    `<text x="12" y="${PAD.top + ih / 2}" font-size="11" transform="rotate(-90 12 ${PAD.top + ih / 2})" text-anchor="middle">${yLabel}</text>`,
  );
  for (const s of series) {
    const path = points
      .map((p, i) => `${i ? 'L' : 'M'}${xs[i]?.toFixed(1)},${y(s.pick(p)).toFixed(1)}`)
      .join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    points.forEach((p, i) =>
      out.push(`<circle cx="${xs[i]}" cy="${y(s.pick(p))}" r="3" fill="${s.color}"/>`),
    );
  }
  out.push('</g>');
  return out.join('\n');
}

export function chartSvg(points: readonly ChartPoint[]): string {
  const ours = { color: '#0a6ed1', label: 'Switchboard' };
  const base = { color: '#d14d0a', label: '10 s poller' };
  const staleMax = Math.max(1, ...points.flatMap((p) => [p.oursP99S, p.baseP99S])) * 1.1;
  const body = [
    panel(
      0,
      'Staleness p99 (s)',
      points,
      [
        { ...ours, pick: (p) => p.oursP99S },
        { ...base, pick: (p) => p.baseP99S },
      ],
      staleMax,
      'seconds',
    ),
    panel(
      W,
      'Presence accuracy (%)',
      points,
      [
        { ...ours, pick: (p) => p.oursAccuracyPct },
        { ...base, pick: (p) => p.baseAccuracyPct },
      ],
      100,
      '% of agent-time right',
    ),
    `<g font-size="11"><rect x="${W - 60}" y="${H + 2}" width="10" height="10" fill="${ours.color}"/><text x="${W - 46}" y="${H + 11}">${ours.label}</text>`,
    `<rect x="${W + 50}" y="${H + 2}" width="10" height="10" fill="${base.color}"/><text x="${W + 64}" y="${H + 11}">${base.label}</text></g>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 18}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${body.join('\n')}\n</svg>\n`;
}
