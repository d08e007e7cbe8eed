// The results table (Markdown): one row per scenario and side.
import type { ScenarioResult } from './scenario';

const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '–');

export function resultsTable(results: readonly ScenarioResult[]): string {
  const head =
    '| scenario | side | ingest | overhead p50 / p99 | staleness p50 / p99 / max | accuracy | writes per change (shown) | 429s | all right after load | CPU | peak RSS |';
  const rule = `|${'---|'.repeat(11)}`;
  const rows: string[] = [];
  for (const r of results) {
    const sides = [
      ['Switchboard', r.ours] as const,
      ...(r.baseline ? [['10 s poller', r.baseline] as const] : []),
    ];
    for (const [side, f] of sides) {
      const ours = side === 'Switchboard';
      const perChange = f.writes / Math.max(1, f.visibleChanges);
      const perShown = f.writes / Math.max(1, f.shownChanges);
      const after = f.allRightAfterMs === null ? `no: ${f.wrongAtEnd} wrong` : s(f.allRightAfterMs);
      rows.push(
        [
          ours
            ? `${r.spec.name} (${r.events.toLocaleString('en')} events, quota ${r.spec.quota.toLocaleString('en')})`
            : '',
          side,
          ours
            ? `${Math.round(r.ingest.eventsPerSecond).toLocaleString('en')} ev/s, POST p50 ${r.ingest.postP50Ms.toFixed(0)} / p99 ${r.ingest.postP99Ms.toFixed(0)} ms`
            : '',
          ours ? `${f.overheadMs.p50.toFixed(0)} / ${f.overheadMs.p99.toFixed(0)} ms` : '–',
          `${s(f.stalenessMs.p50)} / ${s(f.stalenessMs.p99)} / ${s(f.stalenessMs.max)}`,
          pct(f.accuracy),
          `${perChange.toFixed(3)} (${perShown.toFixed(3)})`,
          String(f.throttled),
          after,
          ours ? `${r.cpuCores.toFixed(2)} cores` : '',
          ours ? `${r.peakRssMb.toFixed(0)} MB` : '',
        ].join(' | '),
      );
    }
  }
  return [head, rule, ...rows.map((row) => `| ${row} |`)].join('\n');
}
