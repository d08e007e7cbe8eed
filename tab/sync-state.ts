// What Switchboard is doing for you right now, in one phrase, derived from /api/tab/me (pure, so it is
// tested without a browser). The order matters: a hold explains more than "active" does.
import { linkOf, type TabMe } from './api';

export type SyncStateKind = 'not-linked' | 'pending' | 'held' | 'manual' | 'active';

export interface SyncState {
  readonly kind: SyncStateKind;
  readonly label: string;
  readonly detail: string;
}

export function syncStateOf(me: TabMe): SyncState {
  const link = linkOf(me);
  const agent = me.agent;
  if (link.state === 'pending') {
    return {
      kind: 'pending',
      label: 'Waiting for your code',
      detail: `A code was sent to agent ${link.agentId ?? ''}'s workspace. Type it below to link.`,
    };
  }
  if (link.state !== 'linked' || !agent) {
    return {
      kind: 'not-linked',
      label: 'Not linked',
      detail: 'Your Teams account is not linked to a contact-center agent, so nothing is synced.',
    };
  }
  if (agent.hold) {
    return {
      kind: 'held',
      label: 'Held by a Teams call',
      detail: `You are ${agent.hold.requested} in the contact center while your Teams activity lasts; back to ${agent.hold.restoreTo} afterwards.`,
    };
  }
  if (agent.ccChangedBy === 'agent') {
    return {
      kind: 'manual',
      label: 'Paused by a manual change',
      detail: `You set ${agent.ccState ?? 'your state'} yourself, so Switchboard will not restore an earlier state.`,
    };
  }
  return {
    kind: 'active',
    label: 'Active',
    detail: 'Your contact-center state and Teams presence are kept in step.',
  };
}

type Decision = NonNullable<TabMe['agent']>['recentDecisions'][number];

/** "Busy / InACall" as Teams words it, but "Available" rather than "Available / Available". */
export function presenceWords(availability: string, activity: string): string {
  return availability === activity ? availability : `${availability} / ${activity}`;
}

/** Decision sides are stored as "Available/Available"; say each word once. */
const side = (value: string): string => {
  const [a, b] = value.split('/');
  return b !== undefined && a === b ? a : value;
};

/** "You joined a Teams call while …" is the reason itself; this says what moved, in words. */
export function decisionHeadline(d: Decision): string {
  const nothing = d.to === 'no change' || d.to === '';
  if (d.direction === 'teams-to-cc') {
    return nothing
      ? `Teams showed ${side(d.from)}: contact-center state left as it was`
      : `Teams showed ${side(d.from)} → contact center asked for ${side(d.to)}`;
  }
  return nothing
    ? `Contact center went ${side(d.from)}: Teams left as it was`
    : `Contact center went ${side(d.from)} → Teams shows ${side(d.to)}`;
}

export function clockTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
