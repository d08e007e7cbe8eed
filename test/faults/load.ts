// The fault suites' steady load: linked agents, and rounds of agent.state events posted (signed) to one or
// more instances, every agent's events in time order. It keeps what each instance accepted (202), so a test
// can prove that every accepted event reached a final outcome and that Teams shows each agent's last one.
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { ADMIN_KEY, CC_SECRET } from '../support/switchboard-fixture';

export interface SentEvent {
  readonly id: string;
  readonly agentId: string;
  readonly state: string;
  readonly round: number;
}

export const agentIds = (count: number, prefix = 'F'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

/** A stable Teams user id per agent. */
export const userOf = (agent: string): string =>
  `00000000-0000-4000-8000-${Buffer.from(agent).toString('hex').slice(-12).padStart(12, '0')}`;

/** Alternates so that every round changes every agent's state. */
export const stateOf = (i: number, round: number): string => ((i + round) % 2 === 0 ? 'Busy' : 'Available');

/** POSTs a signed batch; 0 when no answer came (refused, reset, timed out). */
export async function postEvents(url: string, events: readonly SentEvent[]): Promise<number> {
  const text = JSON.stringify({
    events: events.map((e) => ({
      id: e.id,
      type: 'agent.state',
      agentId: e.agentId,
      state: e.state,
      occurredAt: new Date(Date.UTC(2026, 0, 1) + e.round * 1000).toISOString(),
    })),
  });
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(CC_SECRET, text, Date.now() / 1000),
  };
  try {
    const response = await fetch(`${url}/api/cc/events`, {
      method: 'POST',
      headers,
      body: text,
      signal: AbortSignal.timeout(10_000),
    });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}

export async function linkAgents(url: string, agents: readonly string[]): Promise<void> {
  for (const agent of agents) {
    const response = await fetch(`${url}/api/admin/links/${agent}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ teamsUserId: userOf(agent) }),
    });
    if (response.status !== 201)
      throw new Error(`linking ${agent}: ${response.status} ${await response.text()}`);
  }
}

/** Rounds of events, each agent's event of a round going to one of `targets()` (rotating per round). */
export class SteadyLoad {
  readonly accepted: SentEvent[] = [];
  sent = 0;
  refusedBatches = 0;
  round = 0;
  /** Answers by status (0: none came), over every batch sent. */
  readonly statuses = new Map<number, number>();

  constructor(
    readonly agents: readonly string[],
    private readonly targets: () => readonly string[],
  ) {}

  /** Sends one round to the live targets; resolves with each target's status. */
  async next(): Promise<number[]> {
    const round = this.round++;
    const urls = this.targets();
    const batches = urls.map((_, k) =>
      this.agents.flatMap((agentId, i) =>
        (i + round) % urls.length === k
          ? [{ id: `${agentId}-${round}`, agentId, state: stateOf(i, round), round }]
          : [],
      ),
    );
    const statuses = await Promise.all(urls.map((url, k) => postEvents(url, batches[k] ?? [])));
    statuses.forEach((status, k) => {
      const batch = batches[k] ?? [];
      this.sent += batch.length;
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      if (status === 202) this.accepted.push(...batch);
      else this.refusedBatches += 1;
    });
    return statuses;
  }

  /** Each agent's last accepted event (the state Teams must end in). */
  lastAccepted(): Map<string, SentEvent> {
    const last = new Map<string, SentEvent>();
    for (const e of this.accepted) {
      const seen = last.get(e.agentId);
      if (!seen || seen.round < e.round) last.set(e.agentId, e);
    }
    return last;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `503:12,0:3`: how many batches got each answer. */
export const statusSummary = (statuses: ReadonlyMap<number, number>, except = 202): string =>
  [...statuses]
    .filter(([s]) => s !== except)
    .map(([s, n]) => `${s}:${n}`)
    .join(',') || 'none';

/** One figures line per test, in a form easy to grep from CI output. */
export function report(name: string, figures: Record<string, number | string>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${v}`);
  console.log(`      FIGURES ${name}: ${parts.join(' ')}`);
}
