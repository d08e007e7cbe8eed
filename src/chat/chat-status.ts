// Every agent message's outcome reaches the contact center as chat.status, through the durable outbound
// outbox. Reported after the chat outbox item is done, keyed by its event id, so a crash in between is
// repaired by reporting again (a duplicate is recognised and counted as reported).
import { CodedError } from '../domain/errors';
import type { ChatOutboxEntry, ChatStore } from '../ports/chat-store.port';
import type { Store } from '../ports/store.port';
import { toChatStatus } from './cc-translate';

export async function reportStatus(
  store: Store,
  chat: ChatStore,
  entry: ChatOutboxEntry,
  at: string,
): Promise<void> {
  const { message, outcome } = entry;
  if (!outcome || message.sender.kind !== 'agent') return;
  const status = toChatStatus(entry.id, message.sender.agentId, message.messageId, outcome, at);
  try {
    await store.commit({ outbound: [status] });
  } catch (error) {
    if (!(error instanceof CodedError && error.code === 'duplicate_outbound')) throw error;
  }
  await chat.markReported(entry.id);
}

/** Reports what a crash left done but unreported; returns how many. */
export async function reportLeftovers(
  store: Store,
  chat: ChatStore,
  at: string,
  limit: number,
): Promise<number> {
  const entries = await chat.unreported(limit);
  for (const entry of entries) await reportStatus(store, chat, entry, at);
  return entries.length;
}
