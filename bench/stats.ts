// Small helpers for the benchmarks: percentiles and a stable printout.
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export function summary(name: string, samplesMs: readonly number[]): string {
  const f = (n: number) => n.toFixed(2);
  return `${name}: n=${samplesMs.length} p50=${f(percentile(samplesMs, 50))} ms p99=${f(percentile(samplesMs, 99))} ms max=${f(Math.max(...samplesMs))} ms`;
}

export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('benchmark condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
