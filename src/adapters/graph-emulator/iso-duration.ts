// ISO-8601 durations as Graph accepts them for presence (e.g. "PT5M", "PT1H30M", "P1D").
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds, or undefined when the text is not a duration with at least one component. */
export function parseIsoDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || /T$/i.test(text.trim())) return undefined;
  const [, weeks, days, hours, minutes, seconds] = m;
  if ([weeks, days, hours, minutes, seconds].every((p) => p === undefined)) return undefined;
  const n = (p: string | undefined): number => (p === undefined ? 0 : Number(p));
  const totalSeconds = n(weeks) * 604800 + n(days) * 86400 + n(hours) * 3600 + n(minutes) * 60 + n(seconds);
  return Math.round(totalSeconds * 1000);
}
