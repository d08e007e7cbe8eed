// Teams → contact center: a Teams user's post, edit, delete, undelete, reaction or read receipt, already
// translated at the bot edge, goes through the relay rules and becomes an outbound chat.* event for the
// agent. The event is queued before the id map changes, with an id stable for the same change, so a repeat
// after a crash is a recognised duplicate and the map is brought up to date then.
import { CodedError } from '../domain/errors';
import type { AgentId } from '../domain/ids';
import type { ChatStore } from '../ports/chat-store.port';
import type { Store } from '../ports/store.port';
import { toOutboundChat } from './cc-translate';
import { planTeamsRelay, type TeamsInbound, type TeamsRelayPlan } from './teams-relay-rules';

export interface TeamsInboundDeps {
  readonly store: Store;
  readonly chat: ChatStore;
  /** Null: the agent must write first (seed 002). Otherwise who gets a Teams user's first message. */
  readonly firstContactAgent: AgentId | null;
  /** An outbound event was queued: deliver it. */
  readonly queued?: () => void;
}

/** Applies the rules; the plan tells the bot what to say (an explanation, or which agent got the reply). */
export async function relayTeamsMessage(
  deps: TeamsInboundDeps,
  inbound: TeamsInbound,
): Promise<TeamsRelayPlan> {
  const { chat } = deps;
  const key = inbound.conversationKey;
  const [subject, quoted, lastAgent] = await Promise.all([
    chat.mappingByTeams(key, inbound.activityId),
    inbound.replyToActivityId ? chat.mappingByTeams(key, inbound.replyToActivityId) : null,
    chat.lastAgent(key),
  ]);
  const plan = planTeamsRelay(inbound, {
    subject,
    quoted,
    lastAgent,
    firstContactAgent: deps.firstContactAgent,
  });
  if (plan.action !== 'relay') return plan;
  try {
    await deps.store.commit({ outbound: [toOutboundChat(plan.message, plan.agentId)] });
  } catch (error) {
    if (!(error instanceof CodedError && error.code === 'duplicate_outbound')) throw error;
  }
  if (plan.mapping) await chat.saveMapping(plan.mapping);
  deps.queued?.();
  return plan;
}
