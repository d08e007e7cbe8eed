// The one reading of an event's `occurredAt`: RFC 3339 with a real calendar date and
// a valid offset, at most 5 minutes ahead of our clock. Date.parse is not used: it accepts other formats and
// turns `+99:99` into NaN, which silently skipped the "older than the last applied" comparison.

/** How far ahead of the service clock an event may say it happened (clock skew between systems). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export type EventTime =
  { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly problem: string };

const fail = (problem: string): EventTime => ({ ok: false, problem });

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Epoch milliseconds of an RFC 3339 date-time, or why it is not one. Never throws. */
export function parseEventTime(value: string): EventTime {
  const m = RFC3339.exec(value);
  if (!m) return fail('must be an RFC 3339 date-time such as 2026-01-31T09:15:00Z or ...+01:00');
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return fail(`${m[1]}-${m[2]}-${m[3]} is not a calendar date`);
  if (hour > 23 || minute > 59 || second > 59) return fail('time of day must be 00:00:00 to 23:59:59');
  let offsetMinutes = 0;
  if (!m[8]) {
    const [offHours, offMinutes] = [Number(m[10]), Number(m[11])];
    if (offHours > 23 || offMinutes > 59) return fail(`offset ${m[9]}${m[10]}:${m[11]} is not valid`);
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  }
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const utc = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, fraction);
  return { ok: true, ms: utc.getTime() - offsetMinutes * 60_000 };
}

/** Null when `value` is a valid occurredAt at service time `nowMs`; otherwise the problem, for a 400. */
export function occurredAtProblem(value: string, nowMs: number): string | null {
  const time = parseEventTime(value);
  if (!time.ok) return time.problem;
  if (time.ms > nowMs + MAX_FUTURE_SKEW_MS)
    return `is more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes in the future (service time ${new Date(nowMs).toISOString()})`;
  return null;
}

/** Epoch ms of an occurredAt already accepted at the edge (so valid); NaN never escapes: -Infinity instead. */
export function eventTimeMs(value: string): number {
  const time = parseEventTime(value);
  return time.ok ? time.ms : -Infinity;
}
