// One person in Contacts: name, email, presence of the main identity, "Start chat", and their identities
// behind "Show more".
import {
  Avatar,
  Body1,
  Button,
  Caption1,
  Link,
  makeStyles,
  tokens,
  type PresenceBadgeStatus,
} from '@fluentui/react-components';
import { useState } from 'react';

export interface ContactIdentity {
  readonly kind: 'contact-center' | 'teams' | 'work';
  readonly id: string;
  readonly presence: string | null;
}

export interface Contact {
  readonly displayName: string;
  readonly email: string;
  readonly jobTitle?: string;
  readonly identities: readonly ContactIdentity[];
  readonly presence: { readonly source: string; readonly value: string | null } | null;
}

const KIND: Readonly<Record<string, string>> = {
  'contact-center': 'Contact center',
  teams: 'Teams',
  work: 'Work',
};

/** Teams and vendor presence words to the badge Fluent draws (unknown words show as unknown). */
export function badgeFor(value: string | null | undefined): PresenceBadgeStatus {
  const v = (value ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (['available', 'availableidle', 'ready'].includes(v)) return 'available';
  if (['busy', 'busyidle', 'inacall', 'inameeting', 'oncall', 'incall'].includes(v)) return 'busy';
  if (['donotdisturb', 'presenting', 'dnd'].includes(v)) return 'do-not-disturb';
  if (['away', 'berightback', 'break', 'onbreak'].includes(v)) return 'away';
  if (['offline', 'offwork', 'loggedout'].includes(v)) return 'offline';
  return 'unknown';
}

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  more: { gridColumn: '2 / 4', margin: 0, paddingLeft: '1.2em' },
});

/** Teams' deep link to a 1:1 chat; inside Teams it opens the chat, in a browser Teams on the web. */
export function chatLink(upn: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(upn)}`;
}

/** The presence word a reader sees, or null: Graph's "PresenceUnknown" is no presence at all to a reader. */
export function shownPresence(contact: Pick<Contact, 'presence'>): string | null {
  const value = contact.presence?.value ?? null;
  return value && value !== 'PresenceUnknown' ? value : null;
}

export function ContactRow({ contact }: { readonly contact: Contact }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const presence = shownPresence(contact);
  const source = contact.presence ? (KIND[contact.presence.source] ?? contact.presence.source) : null;
  return (
    <li className={styles.row} aria-label={contact.displayName}>
      <Avatar name={contact.displayName} badge={{ status: badgeFor(presence) }} />
      <div className={styles.who}>
        <Body1>{contact.displayName}</Body1>
        <Caption1>
          {[contact.jobTitle, contact.email, presence ? `${presence} (${source})` : 'Presence unknown']
            .filter(Boolean)
            .join(' · ')}
        </Caption1>
      </div>
      <div>
        <Link href={chatLink(contact.email)} target="_blank" rel="noreferrer">
          Start chat
        </Link>
        {contact.identities.length > 1 ? (
          <Button appearance="transparent" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Show less' : 'Show more'}
          </Button>
        ) : null}
      </div>
      {open ? (
        <ul className={styles.more} aria-label={`${contact.displayName}'s identities`}>
          {contact.identities.map((i) => (
            <li key={`${i.kind}-${i.id}`}>
              <Caption1>
                {KIND[i.kind] ?? i.kind}: {i.id} · {i.presence ?? 'presence unknown'}
              </Caption1>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
