// Wires the chat relay: the contact center's chat.* inbox events are queued in the agent's serialised pass,
// a dispatcher sends them through the given ChatTransport, and each outcome leaves as chat.status through
// the outbound outbox. Without a transport the relay is not built and chat.* events settle as failed (chat_relay_unavailable).
import type { ChatStore } from '../src/ports/chat-store.port';
import type { ChatTransport } from '../src/ports/chat-transport.port';
import type { Clock } from '../src/ports/clock.port';
import type { Logger } from '../src/ports/logger.port';
import type { Store } from '../src/ports/store.port';
import type { AgentId, TeamsUserId } from '../src/domain/ids';
import { ChatDispatcher } from '../src/chat/chat-dispatcher';
import { processChatInbox } from '../src/chat/chat-inbox';
import { CC_CHAT_TYPES } from '../src/chat/cc-translate';
import { relayTeamsMessage } from '../src/chat/teams-inbound';
import type { TeamsInbound, TeamsRelayPlan } from '../src/chat/teams-relay-rules';
import type { SyncEngine } from '../src/sync/sync-engine';

export interface ChatRelay {
  readonly chat: ChatStore;
  readonly dispatcher: ChatDispatcher;
  /** A Teams user's message, translated at the bot edge: relayed to the right agent, or explained. */
  relayTeams(inbound: TeamsInbound): Promise<TeamsRelayPlan>;
  start(): void;
  stop(timeoutMs: number): Promise<void>;
}

export interface ChatSetupDeps {
  readonly store: Store;
  readonly chat: ChatStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly engine: SyncEngine;
  readonly transport: ChatTransport | undefined;
  /** Null: the agent must write first (seed 002). */
  readonly firstContactAgent: AgentId | null;
  /** Something was queued in the outbound outbox (chat.status, chat.*): deliver it. */
  readonly outboundQueued: () => void;
  /** The Teams user of a UPN we hold no chat for (the directory, Graph /users); null when none. */
  readonly resolveUpn?: (upn: string) => Promise<TeamsUserId | null>;
}

export function setUpChat(deps: ChatSetupDeps): ChatRelay | null {
  const { store, chat, clock, logger, transport } = deps;
  if (!transport) return null;
  const dispatcher = new ChatDispatcher({
    chat,
    store,
    transport,
    clock,
    logger,
    statusQueued: deps.outboundQueued,
  });
  deps.engine.addStep(
    async (agentId) => {
      try {
        const resolveUpn = deps.resolveUpn;
        const inbox = {
          store,
          chat,
          clock,
          queued: () => dispatcher.kick(),
          ...(resolveUpn ? { resolveUpn } : {}),
        };
        await processChatInbox(inbox, agentId);
        return null;
      } catch (error) {
        return { retry: `chat inbox: ${String(error)}` };
      }
    },
    [...CC_CHAT_TYPES],
  );
  const teamsDeps = { store, chat, firstContactAgent: deps.firstContactAgent, queued: deps.outboundQueued };
  return {
    chat,
    dispatcher,
    relayTeams: (inbound) => relayTeamsMessage(teamsDeps, inbound),
    start: () => dispatcher.start(),
    stop: (timeoutMs) => dispatcher.stop(timeoutMs),
  };
}
