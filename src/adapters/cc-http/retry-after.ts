// Retry-After (RFC 9110 §10.2.3) is either delay-seconds or an HTTP-date; both become a delay in ms from now.

/** The delay the header asks for, or undefined when it is absent or unreadable. A past date means 0. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP-date names its weekday and month; this keeps Date.parse from reading "1.5" as a date.
  const at = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
