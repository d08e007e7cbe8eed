// The contacts directory's rules (seed 002), pure: one person per email/UPN (case-insensitive), the groups
// the list is ordered by, the main identity whose presence shows, and the search keys of a person.
import type { AgentId, TeamsUserId } from '../domain/ids';

export const IDENTITY_KINDS = ['contact-center', 'teams', 'work'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface ContactIdentity {
  readonly kind: IdentityKind;
  readonly id: string;
  readonly presence: string;
}

/** One person as GET /api/directory/contacts shows them. */
export interface DirectoryContact {
  readonly displayName: string;
  readonly email: string;
  readonly jobTitle?: string;
  /** Main identity first: contact center > Teams > work. */
  readonly identities: readonly ContactIdentity[];
  readonly presence: { readonly source: IdentityKind; readonly value: string };
}

/** A person as the contact center describes them (agent.upsert). */
export interface DirectoryAgent {
  readonly agentId: AgentId;
  readonly email: string;
  readonly displayName: string;
  readonly jobTitle?: string;
  /** Which of the person's identities the contact center knows of: 'contact-center' and/or 'work'. */
  readonly identities: readonly IdentityKind[];
}

/** A Teams (Entra) user as the directory keeps them. */
export interface DirectoryTeamsUser {
  readonly teamsUserId: TeamsUserId;
  readonly userPrincipalName: string;
  readonly mail?: string;
  readonly displayName: string;
  readonly jobTitle?: string;
}

/** The merge key of an address: email and UPN match without regard to case. */
export const addressKey = (address: string): string => address.trim().toLowerCase();

/**
 * The list's groups, in order (seed 002): contact-center agents (with or without other identities) first;
 * then people with only a work identity, only Teams, and Teams and work. The seed's "agents with multiple
 * identities" are agents; a Teams-and-work person is the last group, not the first.
 */
export function rankOf(kinds: { cc: boolean; teams: boolean; work: boolean }): number {
  if (kinds.cc) return 0;
  if (kinds.work && !kinds.teams) return 1;
  if (kinds.teams && !kinds.work) return 2;
  return 3;
}

/** The agent.upsert identities a directory entry counts: unknown kinds are dropped; none means contact center. */
export function agentKinds(identities: readonly string[] | undefined): IdentityKind[] {
  const known = (identities ?? []).filter((k): k is IdentityKind => k === 'contact-center' || k === 'work');
  return known.length > 0 ? [...new Set(known)] : ['contact-center'];
}

/** Sort and search key of a name: lowercased, spaces collapsed. */
export const nameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The name from its second word on ("taylor reed" → "reed"), so a search for a surname finds the person. */
export function surnameKey(name: string): string {
  const key = nameKey(name);
  const space = key.indexOf(' ');
  return space < 0 ? '' : key.slice(space + 1);
}

/** The search prefix for `q`, or null when it is empty after trimming. */
export function searchPrefix(q: string | undefined): string | null {
  const key = q === undefined ? '' : nameKey(q);
  return key === '' ? null : key;
}
