// Bot Framework activities of a Teams user's 1:1 chat with the bot → the core's TeamsInbound. Only
// translation: which agent gets what, and what an edit of a deleted message means, are the relay rules'.
// The conversation is known by the user's Entra object id (aadObjectId), as the contact center addresses it.
import type { Activity, ConversationReference as BotReference } from 'botbuilder';
import type { TeamsInbound } from '../../src/chat/teams-relay-rules';
import {
  conversationKey,
  teamsActivityId,
  teamsUserId,
  type TeamsActivityId,
  type TeamsUserId,
} from '../../src/domain/ids';
import type { ConversationReference } from '../../src/ports/chat-store.port';

/** Teams' read receipt event. teams-ai 1.7's teamsReadReceipt() matches "application/vnd.microsoft/readReceipt", which Teams never sends. */
export const READ_RECEIPT_EVENT = 'application/vnd.microsoft.readReceipt';

type Kind = TeamsInbound['kind'];

export function userOf(activity: Partial<Activity>): TeamsUserId | null {
  const id = activity.from?.aadObjectId;
  return typeof id === 'string' && id !== '' ? teamsUserId(id.toLowerCase()) : null;
}

const isBot = (a: Partial<Activity>): boolean =>
  a.from?.role === 'bot' || (a.from?.id !== undefined && a.from.id === a.recipient?.id);

/** The message a post quotes: replyToId, else the id of Teams' reply blockquote in the HTML attachment. */
export function quotedId(activity: Partial<Activity>): TeamsActivityId | undefined {
  if (activity.replyToId) return teamsActivityId(activity.replyToId);
  for (const attachment of activity.attachments ?? []) {
    const html = typeof attachment.content === 'string' ? attachment.content : '';
    const match = /itemtype="http:\/\/schema\.skype\.com\/Reply"[^>]*itemid="([^"]+)"/i.exec(html);
    if (match?.[1]) return teamsActivityId(match[1]);
  }
  return undefined;
}

/** Text without the <at>…</at> mention of the bot (teams-ai strips the recipient's; this is for edits too). */
export const plainText = (text: string | undefined): string =>
  (text ?? '').replace(/<at>.*?<\/at>/g, '').trim();

function base(activity: Partial<Activity>, kind: Kind, id: string, now: () => number): TeamsInbound | null {
  const user = userOf(activity);
  if (!user && !isBot(activity)) return null;
  const stamp = activity.timestamp ? new Date(activity.timestamp) : null;
  const at = stamp && !Number.isNaN(stamp.getTime()) ? stamp : new Date(now());
  return {
    kind,
    conversationKey: conversationKey(user ?? ''),
    activityId: teamsActivityId(id),
    sender:
      isBot(activity) || !user
        ? { kind: 'bot' }
        : { kind: 'user', teamsUserId: user, displayName: activity.from?.name ?? '' },
    at: at.toISOString(),
  };
}

/** post, edit, undelete, delete; null when the activity is none of them or names no user. */
export function messageInbound(activity: Partial<Activity>, now: () => number): TeamsInbound | null {
  const eventType = (activity.channelData as { eventType?: unknown } | undefined)?.eventType;
  const kind: Kind | null =
    activity.type === 'message'
      ? 'post'
      : activity.type === 'messageUpdate' && eventType === 'editMessage'
        ? 'edit'
        : activity.type === 'messageUpdate' && eventType === 'undeleteMessage'
          ? 'undelete'
          : activity.type === 'messageDelete' && eventType === 'softDeleteMessage'
            ? 'delete'
            : null;
  if (!kind || !activity.id) return null;
  const inbound = base(activity, kind, activity.id, now);
  if (!inbound) return null;
  if (kind === 'delete') return inbound;
  const replyTo = kind === 'post' ? quotedId(activity) : undefined;
  return { ...inbound, text: plainText(activity.text), ...(replyTo ? { replyToActivityId: replyTo } : {}) };
}

/** One inbound per reaction added or removed, on the message in replyToId. */
export function reactionInbounds(activity: Partial<Activity>, now: () => number): TeamsInbound[] {
  if (activity.type !== 'messageReaction' || !activity.replyToId) return [];
  const changes = [
    ...(activity.reactionsAdded ?? []).map((r) => ({ type: r.type, added: true })),
    ...(activity.reactionsRemoved ?? []).map((r) => ({ type: r.type, added: false })),
  ];
  const inbound = base(activity, 'reaction', activity.replyToId, now);
  if (!inbound) return [];
  return changes.map((reaction) => ({ ...inbound, reaction }));
}

/** The read receipt: the user has read everything up to lastReadMessageId. */
export function readInbound(activity: Partial<Activity>, now: () => number): TeamsInbound | null {
  if (activity.type !== 'event' || activity.name !== READ_RECEIPT_EVENT) return null;
  const last = (activity.value as { lastReadMessageId?: unknown } | undefined)?.lastReadMessageId;
  if (typeof last !== 'string' || last === '') return null;
  return base(activity, 'read', last, now);
}

/** The reference to keep for proactive messages, from any activity of the user's personal chat. */
export function referenceOf(activity: Partial<Activity>, at: string): ConversationReference | null {
  const user = userOf(activity);
  const conversation: Partial<BotReference['conversation']> = activity.conversation ?? {};
  const personal =
    conversation.conversationType === undefined || conversation.conversationType === 'personal';
  if (!user || !personal || !conversation.id || !activity.serviceUrl) return null;
  const tenant =
    (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id ?? conversation.tenantId;
  const upn = (activity.from as { userPrincipalName?: unknown } | undefined)?.userPrincipalName;
  return {
    teamsUserId: user,
    ...(typeof upn === 'string' && upn ? { upn } : {}),
    tenantId: typeof tenant === 'string' ? tenant : '',
    serviceUrl: activity.serviceUrl,
    conversationId: conversation.id,
    updatedAt: at,
  };
}
