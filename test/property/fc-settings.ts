// How hard the properties run. `npm test` runs each a modest number of times; `npm run fuzz` (CI) gives each
// a time budget instead (FUZZ_MS_PER_PROPERTY), so the whole fuzz run stays around 20 s. A failure prints
// fast-check's seed and path: re-run it with `fc.assert(..., { seed, path })`.
import fc from 'fast-check';

const fuzzMs = Number(process.env['FUZZ_MS_PER_PROPERTY'] ?? 0);

export function runs<T>(numRuns = 100): fc.Parameters<T> {
  if (fuzzMs > 0)
    return { numRuns: 10_000_000, interruptAfterTimeLimit: fuzzMs, markInterruptAsFailure: false };
  return { numRuns };
}

/** Mocha timeout for one property: its fuzz budget plus slack, or the default. */
export const propertyTimeout = fuzzMs > 0 ? fuzzMs * 3 + 10_000 : 20_000;
