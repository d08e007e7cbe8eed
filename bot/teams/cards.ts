// The bot's answers to help, status and link, as Adaptive Cards (schema 1.5, what Teams renders), each with
// a plain-text fallback in `text` for clients that show no cards.
import { CardFactory, type Attachment } from 'botbuilder';
import type { AgentStatusView } from './status-view';

export interface CardReply {
  readonly text: string;
  readonly attachments: Attachment[];
}

const card = (body: unknown[], actions: unknown[] = []): Attachment =>
  CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
  });

const title = (text: string) => ({ type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true });
const para = (text: string) => ({ type: 'TextBlock', text, wrap: true });

export function helpCard(): CardReply {
  const text =
    'Switchboard keeps your contact-center state and your Teams presence in step, and carries agents’ chat ' +
    'messages to you here. Say **status** to see both states, **link** to connect your account, **help** for this.';
  const facts = {
    type: 'FactSet',
    facts: [
      { title: 'status', value: 'your contact-center state, your Teams presence, the last sync decision' },
      { title: 'link', value: 'how to connect your Teams account to your contact-center agent' },
      {
        title: 'anything else',
        value: 'goes to the agent who wrote to you (reply to a message to pick one)',
      },
    ],
  };
  return {
    text,
    attachments: [card([title('Switchboard'), para('Say one of these:'), facts])],
  };
}

export function statusCard(view: AgentStatusView | null): CardReply {
  if (!view) return linkCard('You are not linked to a contact-center agent yet.');
  const facts = [
    { title: 'Agent', value: view.agentId },
    { title: 'Contact center', value: view.ccState },
    { title: 'Teams', value: view.teams },
    ...(view.lastDecision ? [{ title: 'Last decision', value: view.lastDecision }] : []),
  ];
  const text = `Agent ${view.agentId}: contact center **${view.ccState}**, Teams **${view.teams}**.${
    view.lastDecision ? `\n\nLast decision: ${view.lastDecision}` : ''
  }`;
  return { text, attachments: [card([title('Your status'), { type: 'FactSet', facts }])] };
}

export function linkCard(lead = 'Connect your Teams account to your contact-center agent.'): CardReply {
  const steps =
    'Open the **Switchboard** tab in Teams, sign in, and enter your contact-center agent id. Switchboard ' +
    'then asks the contact center to confirm it is you; once confirmed, your states are kept in step. ' +
    'Your administrator can also link you.';
  return {
    text: `${lead} ${steps}`,
    attachments: [card([title('Linking your account'), para(lead), para(steps)])],
  };
}
