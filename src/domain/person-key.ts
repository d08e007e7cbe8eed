// The queue key of a person the contact center names by email only (user.presence, directory.presence): it
// stands where an agent id stands in the inbox, the sync state, the decision log and the outbox, so a
// person's work is durable and serialised like an agent's. It starts with a control character, which no
// agent id may contain (ids are printable, src/domain/ids.ts), so it can never be a real agent's id.
import { agentId, type AgentId } from './ids';

const PREFIX = '\u001Fperson:';

/** The key of the person with this email (case and surrounding spaces do not matter). */
export const personKey = (email: string): AgentId => agentId(`${PREFIX}${email.trim().toLowerCase()}`);

export const isPersonKey = (id: string): boolean => id.startsWith(PREFIX);

/** The (lowercased) email a person key was made from. */
export const emailOfPersonKey = (id: string): string => id.slice(PREFIX.length);
