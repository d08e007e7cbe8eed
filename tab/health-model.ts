// Reads GET /api/tab/admin/health defensively (field names as the contract words them, with the obvious
// alternatives) and keeps the chart series for the last hour.
import type { Point } from './spark-chart';

export interface UserHealth {
  readonly agentId: string;
  readonly lastEventAt: string | null;
  readonly lagMs: number | null;
  readonly coverage: string | null;
  readonly outboundBacklog: number;
}

export interface Health {
  readonly users?: readonly UserHealth[];
  readonly quota?: { readonly used: number; readonly limit: number; readonly windowSeconds?: number };
  readonly history?: readonly { readonly at: string; readonly quotaUsed?: number; readonly lagMs?: number }[];
}

type Raw = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function userHealth(raw: Raw): UserHealth {
  return {
    agentId: str(raw.agentId) ?? '?',
    lastEventAt: str(raw.lastEventAt) ?? str(raw.lastEvent),
    lagMs: num(raw.lagMs) ?? num(raw.lag),
    coverage: str(raw.coverage),
    outboundBacklog: num(raw.outboundBacklog) ?? num(raw.backlog) ?? 0,
  };
}

export function normaliseHealth(body: unknown): Health {
  const raw = (body ?? {}) as Raw;
  const users = Array.isArray(raw.users) ? (raw.users as Raw[]).map(userHealth) : [];
  const q = (raw.quota ?? null) as Raw | null;
  const used = num(q?.used);
  const limit = num(q?.limit);
  return {
    users,
    ...(used !== null && limit !== null
      ? { quota: { used, limit, windowSeconds: num(q?.windowSeconds) ?? 30 } }
      : {}),
    ...(Array.isArray(raw.history) ? { history: raw.history as Health['history'] } : {}),
  };
}

/** The server's history when it has one, else the previous samples plus this answer, within the window. */
export function healthSeries(
  body: unknown,
  previous: { readonly quota: Point[]; readonly lag: Point[] },
  now: number,
  windowMs: number,
): { quota: Point[]; lag: Point[] } {
  const health = normaliseHealth(body);
  const keep = (p: Point) => p.at >= now - windowMs;
  if (health.history && health.history.length > 0) {
    const at = (h: { at: string }) => Date.parse(h.at);
    return {
      quota: health.history
        .filter((h) => h.quotaUsed !== undefined)
        .map((h) => ({ at: at(h), value: h.quotaUsed ?? 0 }))
        .filter(keep),
      lag: health.history
        .filter((h) => h.lagMs !== undefined)
        .map((h) => ({ at: at(h), value: h.lagMs ?? 0 }))
        .filter(keep),
    };
  }
  const worstLag = Math.max(0, ...(health.users ?? []).map((u) => u.lagMs ?? 0));
  return {
    quota: [...previous.quota, ...(health.quota ? [{ at: now, value: health.quota.used }] : [])].filter(keep),
    lag: [...previous.lag, { at: now, value: worstLag }].filter(keep),
  };
}
