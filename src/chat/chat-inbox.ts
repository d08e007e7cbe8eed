// Contact center → Teams, first half: an agent's pending chat.* inbox events become chat outbox items, in
// arrival order. Queuing is idempotent (the item's id is the event's), so a crash between queuing and
// settling the event only queues it again as a no-op. An event we cannot place in a conversation settles
// failed with its chat.status in the same commit.
import { CodedError } from '../domain/errors';
import {
  ccMessageId,
  teamsUserId,
  type AgentId,
  type ConversationKey,
  type TeamsUserId,
} from '../domain/ids';
import type { ChatStore } from '../ports/chat-store.port';
import type { Clock } from '../ports/clock.port';
import type { Store } from '../ports/store.port';
import { fromCcEvent, isCcChatEvent, toChatStatus, type CcChatEvent } from './cc-translate';

export interface ChatInboxDeps {
  readonly store: Store;
  readonly chat: ChatStore;
  readonly clock: Clock;
  /** Finds the Teams user of a UPN we hold no chat for (Graph); absent: only known chats' UPNs resolve. */
  readonly resolveUpn?: (upn: string) => Promise<TeamsUserId | null>;
  /** Items were queued: deliver them. */
  readonly queued?: () => void;
}

type Placement = { readonly key: ConversationKey } | { readonly code: string; readonly message: string };

/** Queues the agent's pending chat events; returns how many it settled. */
export async function processChatInbox(deps: ChatInboxDeps, agentId: AgentId): Promise<number> {
  const pending = (await deps.store.pendingEvents(agentId)).map((p) => p.event).filter(isCcChatEvent);
  let settled = 0;
  for (const event of pending) {
    const at = new Date(deps.clock.now()).toISOString();
    const place = await placement(deps, event);
    try {
      if ('key' in place) {
        await deps.chat.enqueue([{ id: event.id, message: fromCcEvent(event, place.key) }], at);
        await deps.store.commit({ eventOutcomes: [{ id: event.id, outcome: 'applied' }] });
      } else {
        const status = toChatStatus(event.id, agentId, event.messageId, { status: 'failed', ...place }, at);
        await deps.store.commit({ eventOutcomes: [{ id: event.id, outcome: 'failed' }], outbound: [status] });
      }
      settled++;
    } catch (error) {
      // Another worker settled it first: its outcome stands.
      if (!(error instanceof CodedError && error.code === 'event_not_pending')) throw error;
    }
  }
  if (settled > 0) deps.queued?.();
  return settled;
}

async function placement(deps: ChatInboxDeps, event: CcChatEvent): Promise<Placement> {
  if (event.type !== 'chat.message') {
    const key = await deps.chat.conversationOfCcMessage(ccMessageId(event.messageId));
    if (key) return { key };
    return { code: 'unknown_message', message: `Message ${event.messageId} was never sent to Teams.` };
  }
  if ('teamsUserId' in event.to)
    return { key: teamsUserId(event.to.teamsUserId) as string as ConversationKey };
  const upn = event.to.upn;
  const known =
    (await deps.chat.conversationByUpn(upn))?.teamsUserId ?? (await deps.resolveUpn?.(upn)) ?? null;
  if (known) return { key: known as string as ConversationKey };
  return { code: 'unknown_recipient', message: `No Teams user with the app is known as ${upn}.` };
}
