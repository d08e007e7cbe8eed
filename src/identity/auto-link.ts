// Automatic linking: an agent whose email (from agent.upsert) is a Teams user's UPN or mail, matched
// case-insensitively by the directory, is linked to that user, unless either side is linked to someone else:
// then a conflict is recorded for admins and nothing is overwritten. Runs as a sync-engine step, so it is
// serialised with the agent's other work; each (agent, email) pair is checked once, durably.
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { DirectoryUser } from '../ports/user-directory.port';
import { isoNow, type IdentityDeps } from './identity-deps';

export type AutoLinkOutcome = 'linked' | 'unchanged' | 'conflict' | 'no_match' | 'skipped';

/** One run for one agent; `{retry}` when the directory could not be asked (the engine retries the agent). */
export async function autoLink(
  deps: IdentityDeps,
  agentId: AgentId,
): Promise<{ outcome: AutoLinkOutcome } | { retry: string }> {
  const agent = await deps.store.getAgent(agentId);
  const email = agent?.email.trim().toLowerCase() ?? '';
  if (!email || (await deps.identity.autoLinkChecked(agentId)) === email) return { outcome: 'skipped' };
  let matches: DirectoryUser[];
  try {
    matches = await deps.users.findByAddress(email);
  } catch (error) {
    return { retry: `directory lookup for automatic linking failed: ${String(error)}` };
  }
  const outcome = await linkTo(deps, agentId, email, matches);
  await deps.identity.markAutoLinkChecked(agentId, email, isoNow(deps));
  deps.logger.info({ agentId, outcome }, 'automatic linking checked the agent');
  return { outcome };
}

async function linkTo(
  deps: IdentityDeps,
  agentId: AgentId,
  email: string,
  matches: readonly DirectoryUser[],
): Promise<AutoLinkOutcome> {
  if (matches.length === 0) return 'no_match';
  if (matches.length > 1) {
    const reason = `${matches.length} Teams users have the UPN or mail ${email}; link the agent by hand.`;
    await conflict(deps, agentId, null, reason);
    return 'conflict';
  }
  const user = matches[0] as DirectoryUser;
  const link = { agentId, teamsUserId: user.id, upn: user.userPrincipalName, createdAt: isoNow(deps) };
  const made = await deps.identity.linkIfFree(link);
  if (made === 'created') {
    deps.effects.linksChanged();
    deps.effects.kick(agentId);
    return 'linked';
  }
  if (made === 'unchanged') return 'unchanged';
  await conflict(deps, agentId, user.id, await clashReason(deps, agentId, user));
  return 'conflict';
}

async function clashReason(deps: IdentityDeps, agentId: AgentId, user: DirectoryUser): Promise<string> {
  const [ofAgent, ofUser] = await Promise.all([
    deps.store.getLinkByAgent(agentId),
    deps.store.getLinkByTeamsUser(user.id),
  ]);
  const who = user.userPrincipalName;
  if (ofAgent && ofAgent.teamsUserId !== user.id) {
    return `Agent ${agentId}'s email matches ${who}, but the agent is linked to Teams user ${ofAgent.teamsUserId}.`;
  }
  const other = ofUser?.agentId ?? 'another agent';
  return `Agent ${agentId}'s email matches ${who}, but ${who} is linked to agent ${other}.`;
}

function conflict(
  deps: IdentityDeps,
  agentId: AgentId,
  teamsUserId: TeamsUserId | null,
  reason: string,
): Promise<void> {
  deps.logger.warn({ agentId }, 'automatic linking: conflict recorded for admins');
  return deps.identity.recordConflict({
    agentId,
    teamsUserId,
    source: 'auto',
    reason,
    detectedAt: isoNow(deps),
  });
}
