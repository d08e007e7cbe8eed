// The schema's history, oldest first. To change the schema, add the next numbered file and one line here;
// never edit a migration that has shipped: databases in the field have already applied it.
import { sql as initial } from './001-initial';
import { sql as outcomeReason } from './002-outcome-reason';
import { sql as pruneIndexes } from './003-prune-indexes';
import { sql as chat } from './004-chat';
import { sql as identity } from './005-identity';
import { sql as directory } from './006-directory';
import { sql as stateVersion } from './007-state-version';
import { sql as richPresence } from './008-rich-presence';
import { sql as outboxClaim } from './009-outbox-claim';
import { sql as directoryPresenceSent } from './010-directory-presence-sent';

export interface Migration {
  /** Applied in ascending order, each exactly once; recorded in schema_migrations. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'outcome-reason', sql: outcomeReason },
  { version: 3, name: 'prune-indexes', sql: pruneIndexes },
  { version: 4, name: 'chat', sql: chat },
  { version: 5, name: 'identity', sql: identity },
  { version: 6, name: 'directory', sql: directory },
  { version: 7, name: 'state-version', sql: stateVersion },
  { version: 8, name: 'rich-presence', sql: richPresence },
  { version: 9, name: 'outbox-claim', sql: outboxClaim },
  { version: 10, name: 'directory-presence-sent', sql: directoryPresenceSent },
];
