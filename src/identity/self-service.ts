// Self-service linking from the tab: I name an agent id, a one-time code goes to that agent's workspace
// (outbound link.verification), I type it in, the link is made. One Teams user per agent and one agent per
// Teams user; every attempt is counted in the store before it is compared, so parallel guessing gains nothing.
import { CodedError } from '../domain/errors';
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { Link } from '../ports/store.port';
import { isoNow, refuse, type IdentityDeps, type Refusal } from './identity-deps';
import {
  CODE_PATTERN,
  CODE_TTL_MS,
  codeMatches,
  hashCode,
  MAX_ATTEMPTS,
  newCode,
  REQUESTS_PER_HOUR,
} from './link-codes';

export interface TabUser {
  readonly teamsUserId: TeamsUserId;
  readonly upn: string | null;
}

export type LinkState =
  | { readonly state: 'linked'; readonly agentId: AgentId }
  | { readonly state: 'pending'; readonly agentId: AgentId; readonly expiresAt: string }
  | { readonly state: 'none' };

/** What the tab shows about my link: linked, a live request, or nothing. */
export async function linkState(deps: IdentityDeps, user: TeamsUserId): Promise<LinkState> {
  const link = await deps.store.getLinkByTeamsUser(user);
  if (link) return { state: 'linked', agentId: link.agentId };
  const request = await deps.identity.getLinkRequest(user);
  const live = request && request.attempts < MAX_ATTEMPTS && Date.parse(request.expiresAt) > deps.clock.now();
  return live
    ? { state: 'pending', agentId: request.agentId, expiresAt: request.expiresAt }
    : { state: 'none' };
}

async function whyNot(deps: IdentityDeps, user: TabUser, agentId: AgentId): Promise<Refusal | null> {
  const mine = await deps.store.getLinkByTeamsUser(user.teamsUserId);
  if (mine) {
    const which = mine.agentId === agentId ? 'this agent' : `agent ${mine.agentId}`;
    return refuse('link_conflict', `You are already linked to ${which}; unlink first to link another agent.`);
  }
  const theirs = await deps.store.getLinkByAgent(agentId);
  if (theirs) {
    return refuse(
      'link_conflict',
      `Agent ${agentId} is already linked to another Teams user; ask an admin if this agent id is yours.`,
    );
  }
  const known = (await deps.store.getAgent(agentId)) ?? (await deps.store.getAgentState(agentId));
  return known ? null : refuse('agent_not_found', `No agent ${agentId} is known to Switchboard.`);
}

/** Starts (or restarts) a request: stores the code's hash and queues the code for the agent, in one commit. */
export async function requestLink(
  deps: IdentityDeps,
  user: TabUser,
  agentId: AgentId,
): Promise<{ ok: true; expiresAt: string } | Refusal> {
  const refusal = await whyNot(deps, user, agentId);
  if (refusal) return refusal;
  const code = (deps.newCode ?? newCode)();
  const createdAt = isoNow(deps);
  const expiresAt = isoNow(deps, CODE_TTL_MS);
  const id = deps.newId();
  const outbound = {
    id,
    agentId,
    type: 'link.verification',
    body: { id, type: 'link.verification', occurredAt: createdAt, agentId, code, expiresAt },
  };
  const request = {
    teamsUserId: user.teamsUserId,
    agentId,
    ...(user.upn ? { upn: user.upn } : {}),
    codeHash: hashCode(user.teamsUserId, code),
    expiresAt,
    attempts: 0,
    createdAt,
  };
  const windowStart = isoNow(deps, -3_600_000);
  const stored = await deps.identity.putLinkRequest(request, outbound, {
    windowStart,
    maxPerWindow: REQUESTS_PER_HOUR,
  });
  if (stored === 'rate_limited') {
    return refuse('too_many_requests', `At most ${REQUESTS_PER_HOUR} codes an hour; try again later.`);
  }
  deps.effects.outboundQueued();
  deps.logger.info({ agentId }, 'link: verification code queued for the agent');
  return { ok: true, expiresAt };
}

/** Checks a code against my pending request and, when it matches, makes the link. */
export async function confirmLink(
  deps: IdentityDeps,
  user: TabUser,
  code: string,
): Promise<{ ok: true; agentId: AgentId } | Refusal> {
  if (!CODE_PATTERN.test(code))
    return refuse('invalid_code', 'The code is the 8 digits sent to your agent workspace.');
  const claim = await deps.identity.takeAttempt(user.teamsUserId, MAX_ATTEMPTS);
  if (claim.kind === 'none')
    return refuse('no_pending_link', 'There is no link request to confirm; start one first.');
  if (claim.kind === 'exhausted') return tooMany();
  const { request } = claim;
  if (Date.parse(request.expiresAt) <= deps.clock.now()) {
    await deps.identity.withdrawLinkRequest(user.teamsUserId);
    return refuse('code_expired', 'The code has expired; ask for a new one.');
  }
  if (!codeMatches(user.teamsUserId, code, request.codeHash)) {
    if (request.attempts >= MAX_ATTEMPTS) return tooMany();
    const attemptsLeft = MAX_ATTEMPTS - request.attempts;
    return refuse('invalid_code', `That code is not right; ${attemptsLeft} attempts left.`, { attemptsLeft });
  }
  const link: Link = {
    agentId: request.agentId,
    teamsUserId: user.teamsUserId,
    ...(request.upn ? { upn: request.upn } : {}),
    createdAt: isoNow(deps),
  };
  return makeLink(deps, request.codeHash, link);
}

function tooMany(): Refusal {
  return refuse(
    'too_many_attempts',
    `${MAX_ATTEMPTS} wrong codes: this request is void; ask for a new code.`,
  );
}

async function makeLink(
  deps: IdentityDeps,
  codeHash: string,
  link: Link,
): Promise<{ ok: true; agentId: AgentId } | Refusal> {
  try {
    await deps.effects.exclusive(link.agentId, () => deps.identity.completeLinkRequest(codeHash, link));
  } catch (error) {
    if (!(error instanceof CodedError)) throw error;
    if (error.code === 'request_replaced') return refuse('invalid_code', error.message);
    if (error.code === 'link_conflict') return refuse('link_conflict', error.message);
    throw error;
  }
  deps.effects.kick(link.agentId);
  deps.effects.linksChanged();
  deps.logger.info({ agentId: link.agentId }, 'link: made by the Teams user with a code');
  return { ok: true, agentId: link.agentId };
}

/** Withdraws my request and removes my link, if any; the old Teams session is cleared first. */
export async function unlinkMe(
  deps: IdentityDeps,
  user: TeamsUserId,
  unlink: (agentId: AgentId) => Promise<boolean>,
): Promise<void> {
  await deps.identity.withdrawLinkRequest(user);
  const link = await deps.store.getLinkByTeamsUser(user);
  if (!link) return;
  await unlink(link.agentId);
  deps.effects.linksChanged();
}
