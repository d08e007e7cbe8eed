// Contact center → Teams, first half: an agent's pending chat.* inbox events become chat outbox items, in
// arrival order. Queuing is idempotent (the item's id is the event's). An event we cannot place in a
// conversation settles failed with its chat.status in the same commit.
import { CodedError } from '../domain/errors';
import {
  ccMessageId,
  teamsUserId,
  type AgentId,
  type ConversationKey,
  type TeamsUserId,
} from '../domain/ids';
import type { ChatOutboxItem, ChatStore } from '../ports/chat-store.port';
import type { Clock } from '../ports/clock.port';
import type { InboxOutcome, OutboundMessage, Store } from '../ports/store.port';
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

/**
 * Queues the agent's pending chat events in one enqueue and settles them in one commit; returns how many it
 * settled. If another worker settled one of them meanwhile, the pass runs again on what is still pending.
 */
export async function processChatInbox(deps: ChatInboxDeps, agentId: AgentId, tries = 3): Promise<number> {
  const pending = (await deps.store.pendingEvents(agentId)).map((p) => p.event).filter(isCcChatEvent);
  if (pending.length === 0) return 0;
  const at = new Date(deps.clock.now()).toISOString();
  const placed = new Map<string, ConversationKey>();
  const items: ChatOutboxItem[] = [];
  const outbound: OutboundMessage[] = [];
  const eventOutcomes: { id: string; outcome: InboxOutcome }[] = [];
  for (const event of pending) {
    const place = await placement(deps, event, placed);
    if ('key' in place) {
      if (event.type === 'chat.message') placed.set(event.messageId, place.key);
      items.push({ id: event.id, message: fromCcEvent(event, place.key) });
      eventOutcomes.push({ id: event.id, outcome: 'applied' });
    } else {
      outbound.push(toChatStatus(event.id, agentId, event.messageId, { status: 'failed', ...place }, at));
      eventOutcomes.push({ id: event.id, outcome: 'failed' });
    }
  }
  // Queued first: a crash before the commit leaves the events pending, and queuing them again is a no-op.
  await deps.chat.enqueue(items, at);
  try {
    await deps.store.commit({ eventOutcomes, outbound });
  } catch (error) {
    const raced = error instanceof CodedError && error.code === 'event_not_pending';
    if (!raced || tries <= 1) throw error;
    return processChatInbox(deps, agentId, tries - 1);
  }
  deps.queued?.();
  return pending.length;
}

async function placement(
  deps: ChatInboxDeps,
  event: CcChatEvent,
  placedNow: ReadonlyMap<string, ConversationKey>,
): Promise<Placement> {
  if (event.type !== 'chat.message') {
    const key =
      placedNow.get(event.messageId) ??
      (await deps.chat.conversationOfCcMessage(ccMessageId(event.messageId)));
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
