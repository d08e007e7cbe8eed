// Bulk links from a CSV (agentId plus upn or teamsUserId): a plan of what would be created, updated, left
// unchanged, what conflicts (the Teams user is linked to another agent) and what is unknown (no such Teams
// user). A dry run returns the plan; an apply recomputes it and commits exactly its created and updated rows in
// one transaction, refusing if any link moved since (so nothing is ever half-applied). Pure over its ports.
import { createHash } from 'node:crypto';
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { PlannedLink } from '../ports/identity-store.port';
import type { DirectoryUser } from '../ports/user-directory.port';
import { isoNow, type IdentityDeps } from './identity-deps';

export interface ImportRow {
  /** 1-based line in the file (the header is line 1). */
  readonly line: number;
  readonly agentId: AgentId;
  readonly upn?: string;
  readonly teamsUserId?: string;
}

export interface PlannedRow {
  readonly agentId: AgentId;
  readonly teamsUserId: TeamsUserId;
  readonly upn: string;
  /** For an update: the Teams user the agent is linked to now. */
  readonly previousTeamsUserId?: TeamsUserId;
}

export interface ImportPlan {
  readonly created: readonly PlannedRow[];
  readonly updated: readonly PlannedRow[];
  readonly unchanged: readonly PlannedRow[];
  readonly conflicts: readonly { readonly agentId: AgentId; readonly reason: string }[];
  readonly unknown: readonly { readonly agentId: AgentId; readonly reason: string }[];
  /** Hash of the changes: an apply given this id refuses to do anything else. */
  readonly planId: string;
}

type Resolved = { row: ImportRow; user: DirectoryUser | null };

/** Looks every row's Teams user up (the directory bounds its own concurrency); throws when it is unreachable. */
async function resolve(deps: IdentityDeps, rows: readonly ImportRow[]): Promise<Resolved[]> {
  return Promise.all(
    rows.map(async (row) => ({
      row,
      user: await deps.users.getUser(row.teamsUserId ?? row.upn ?? ''),
    })),
  );
}

export async function planImport(deps: IdentityDeps, rows: readonly ImportRow[]): Promise<ImportPlan> {
  const resolved = await resolve(deps, rows);
  const plan = {
    created: [] as PlannedRow[],
    updated: [] as PlannedRow[],
    unchanged: [] as PlannedRow[],
    conflicts: [] as { agentId: AgentId; reason: string }[],
    unknown: [] as { agentId: AgentId; reason: string }[],
  };
  for (const { row, user } of resolved) {
    const named = row.teamsUserId ?? row.upn ?? '';
    if (!user) {
      plan.unknown.push({
        agentId: row.agentId,
        reason: `No Teams user ${named} in the directory (line ${row.line})`,
      });
      continue;
    }
    const planned = { agentId: row.agentId, teamsUserId: user.id, upn: user.userPrincipalName };
    const [ofAgent, ofUser] = await Promise.all([
      deps.store.getLinkByAgent(row.agentId),
      deps.store.getLinkByTeamsUser(user.id),
    ]);
    if (ofUser && ofUser.agentId !== row.agentId) {
      const reason = `${user.userPrincipalName} is linked to agent ${ofUser.agentId} (line ${row.line}); unlink it first`;
      plan.conflicts.push({ agentId: row.agentId, reason });
    } else if (!ofAgent) plan.created.push(planned);
    else if (ofAgent.teamsUserId === user.id) plan.unchanged.push(planned);
    else plan.updated.push({ ...planned, previousTeamsUserId: ofAgent.teamsUserId });
  }
  return { ...plan, planId: planIdOf(plan.created, plan.updated) };
}

function planIdOf(created: readonly PlannedRow[], updated: readonly PlannedRow[]): string {
  const canonical = JSON.stringify([created, updated]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** The links an apply of `plan` makes, each with the agent's Teams user the plan saw. */
export function plannedLinks(deps: IdentityDeps, plan: ImportPlan): PlannedLink[] {
  const createdAt = isoNow(deps);
  const toLink = (row: PlannedRow): PlannedLink => ({
    link: { agentId: row.agentId, teamsUserId: row.teamsUserId, upn: row.upn, createdAt },
    before: row.previousTeamsUserId ?? null,
  });
  return [...plan.created.map(toLink), ...plan.updated.map(toLink)];
}

/** Commits the plan's changes in one transaction, then lets the sync engine act on them. */
export async function applyImport(deps: IdentityDeps, plan: ImportPlan): Promise<void> {
  const links = plannedLinks(deps, plan);
  if (links.length > 0) await deps.identity.applyLinks(links);
  const detectedAt = isoNow(deps);
  for (const { agentId, reason } of plan.conflicts) {
    await deps.identity.recordConflict({ agentId, teamsUserId: null, source: 'import', reason, detectedAt });
  }
  if (links.length === 0) return;
  for (const { link } of links) deps.effects.kick(link.agentId);
  deps.effects.linksChanged();
  deps.logger.info({ created: plan.created.length, updated: plan.updated.length }, 'links imported');
}
