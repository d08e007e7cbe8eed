// The contacts directory's durable state: the people the contact center describes, the tenant's Teams users,
// and the merged entries the directory lists. Adapters: the SQLite and PostgreSQL stores (same database as
// the Store); both pass test/directory/directory-store.contract.ts.
import type {
  DirectoryAgent,
  DirectoryContact,
  DirectoryTeamsUser,
  IdentityKind,
} from '../directory/contact';
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { TeamsPresence } from '../domain/presence';

export interface ContactQuery {
  /** Prefix of the name, of its surname, or of the email, case-insensitive; null: everyone. */
  readonly prefix: string | null;
  readonly type: IdentityKind | null;
  /** From a previous page's `next`; null: the first page. */
  readonly after: string | null;
  readonly limit: number;
}

export interface ContactPage {
  readonly contacts: readonly DirectoryContact[];
  /** Opaque; absent on the last page. */
  readonly next?: string;
}

/** A directory person's Teams identity as live directory presence (directory.presence) needs it. */
export interface DirectoryPresenceTarget {
  readonly teamsUserId: TeamsUserId;
  /** The person's email in the directory (the agent's email, else the mail, else the UPN). */
  readonly email: string;
  /** The contact center's agent merged with this person, if any. */
  readonly agentId: AgentId | null;
  /** The vendor presence last queued for the contact center; null: none yet. */
  readonly sentPresence: string | null;
  /** The Teams presence last recorded by setTeamsPresence; null: none yet. */
  readonly teams: TeamsPresence | null;
}

/** What live directory presence saw of a Teams user, and the vendor presence it queued (if it did). */
export interface PresenceRecord {
  readonly teamsUserId: TeamsUserId;
  readonly teams: TeamsPresence;
  readonly sent?: string;
}

export interface DirectoryStore {
  /** Adds or replaces the contact center's person (by agentId), merging by email with a Teams user; one transaction. */
  putAgent(agent: DirectoryAgent): Promise<void>;
  /** Forgets the contact center's person; a Teams user merged with them stays, on their own. No-op when unknown. */
  removeAgent(agentId: AgentId): Promise<void>;
  /**
   * Adds or replaces Teams users (by id) in one transaction, each merged with the agent whose email equals
   * their UPN (first) or mail, case-insensitively. `round` marks them seen in that refresh round.
   */
  putTeamsUsers(users: readonly DirectoryTeamsUser[], round?: string): Promise<void>;
  /** Forgets these Teams users (deleted in the tenant). Unknown ids are ignored. */
  removeTeamsUsers(ids: readonly TeamsUserId[]): Promise<void>;
  /** Forgets every Teams user not seen in `round` (the end of a full refresh); returns how many. */
  removeTeamsUsersNotIn(round: string): Promise<number>;
  /** The Teams presence a directory person shows; false when the directory has no such Teams user. */
  setTeamsPresence(teamsUserId: TeamsUserId, presence: TeamsPresence): Promise<boolean>;
  /** The work (unified-communications) presence of the person with this email, e.g. 8x8 `onCall`. */
  setWorkPresence(email: string, presence: string): Promise<void>;
  /** The Teams user whose UPN (first) or mail equals `address`, case-insensitively; null when none. */
  findTeamsUser(address: string): Promise<DirectoryTeamsUser | null>;
  /** Those of `ids` (≤ 1,000) the directory holds, in no set order; unknown ids are left out. */
  presenceTargets(ids: readonly TeamsUserId[]): Promise<DirectoryPresenceTarget[]>;
  /**
   * Records, in one transaction, each Teams user's presence and, where `sent` is given, the vendor presence
   * queued for them (what presenceTargets then reports). Unknown ids are ignored.
   */
  recordPresence(records: readonly PresenceRecord[]): Promise<void>;
  /** A page of contacts in the directory's order; never lists a person twice. Throws CodedError `invalid_cursor` on a cursor it did not make. */
  listContacts(query: ContactQuery): Promise<ContactPage>;
  /** Teams user ids in the directory, `limit` at a time after `afterId` (presence polling of directory people). */
  teamsUserIds(afterId: string | null, limit: number): Promise<TeamsUserId[]>;
  /** A small named value the directory's sync keeps (e.g. the users deltaLink); null when unset. */
  getSyncValue(name: string): Promise<string | null>;
  setSyncValue(name: string, value: string | null): Promise<void>;
}
