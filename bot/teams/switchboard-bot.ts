// The Teams bot, personal scope, as a teams-ai Application (run by bot/http/bot-route.ts on its CloudAdapter).
// Thin: help/status/link are answered with cards; every other message, edit, soft delete, undelete,
// reaction and read receipt is translated (activity-inbound.ts) and handed to the chat relay, whose plan
// says what to tell the user. Conversation references are kept from installation and conversation updates
// (and from any activity of a user we hold none for), so agents can write first.
import { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { TeamsInbound, TeamsRelayPlan } from '../../src/chat/teams-relay-rules';
import type { ChatStore } from '../../src/ports/chat-store.port';
import type { Clock } from '../../src/ports/clock.port';
import type { Logger } from '../../src/ports/logger.port';
import type { SyncDeps } from '../../src/sync/sync-deps';
import {
  messageInbound,
  reactionInbounds,
  readInbound,
  READ_RECEIPT_EVENT,
  referenceOf,
  userOf,
} from './activity-inbound';
import { helpCard, linkCard, statusCard, type CardReply } from './cards';
import { statusView } from './status-view';

export interface SwitchboardBotDeps {
  readonly sync: SyncDeps;
  readonly chat: ChatStore;
  /** The chat relay; null when chat is not wired (no transport): messages then get the help card. */
  readonly relay: ((inbound: TeamsInbound) => Promise<TeamsRelayPlan>) | null;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A bare command word, optionally with a leading slash; anything longer is a message for the agent. */
const COMMAND = /^\/?(help|status|link)$/i;

export function createSwitchboardBot(deps: SwitchboardBotDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    removeRecipientMention: true,
    startTypingTimer: false, // a typing activity per second would eat into Teams' 7/s per chat
    longRunningMessages: false,
  });
  const now = () => deps.clock.now();
  app.turn('beforeTurn', async (context) => (await keepReference(deps, context), true));
  app.message(COMMAND, async (context) => reply(context, await command(deps, context)));
  app.activity('message', (context) => relayAll(deps, context, [messageInbound(context.activity, now)]));
  app.activity(['messageUpdate', 'messageDelete'], (context) =>
    relayAll(deps, context, [messageInbound(context.activity, now)]),
  );
  app.activity('messageReaction', (context) =>
    relayAll(deps, context, reactionInbounds(context.activity, now)),
  );
  // Not app.teamsReadReceipt(): teams-ai 1.7 matches a misspelt event name (see READ_RECEIPT_EVENT).
  app.addRoute(
    (context) =>
      Promise.resolve(context.activity.type === 'event' && context.activity.name === READ_RECEIPT_EVENT),
    (context) => relayAll(deps, context, [readInbound(context.activity, now)]),
  );
  // Installation and conversation updates only keep the reference (beforeTurn); they need no answer.
  app.activity(['installationUpdate', 'conversationUpdate'], () => Promise.resolve());
  return app;
}

async function command(deps: SwitchboardBotDeps, context: TurnContext): Promise<CardReply> {
  const word = COMMAND.exec((context.activity.text ?? '').trim())?.[1]?.toLowerCase();
  if (word === 'status') {
    const user = userOf(context.activity);
    return statusCard(user ? await statusView(deps.sync, user) : null);
  }
  return word === 'link' ? linkCard() : helpCard();
}

const reply = async (context: TurnContext, card: CardReply): Promise<void> =>
  void (await context.sendActivity({ type: 'message', text: card.text, attachments: card.attachments }));

async function relayAll(
  deps: SwitchboardBotDeps,
  context: TurnContext,
  inbounds: ReadonlyArray<TeamsInbound | null>,
): Promise<void> {
  if (!deps.relay) {
    if (context.activity.type === 'message') await reply(context, helpCard());
    return;
  }
  for (const inbound of inbounds) {
    if (!inbound) continue;
    const plan = await deps.relay(inbound);
    if (plan.action === 'explain') await context.sendActivity(plan.text);
    const detail = plan.action === 'relay' ? { agentId: plan.agentId, route: plan.route } : plan;
    deps.logger.debug({ kind: inbound.kind, ...detail }, 'bot: Teams activity relayed');
  }
}

/** Installation and conversation updates always refresh the reference; other activities only fill a gap. */
async function keepReference(deps: SwitchboardBotDeps, context: TurnContext): Promise<void> {
  const at = new Date(deps.clock.now()).toISOString();
  const reference = referenceOf(context.activity, at);
  if (!reference) return;
  const always = ['installationUpdate', 'conversationUpdate'].includes(context.activity.type);
  if (context.activity.type === 'installationUpdate' && context.activity.action?.startsWith('remove')) return;
  if (always || !(await deps.chat.conversationByUser(reference.teamsUserId)))
    await deps.chat.putConversation(reference);
}
