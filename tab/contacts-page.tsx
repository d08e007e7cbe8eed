// Contacts (issue 10): one entry per person across the contact center, Teams and work directories, with
// the main identity's presence, search, a type filter, paging, "Start chat" and "Show more" identities.
import {
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  SearchBox,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from './api';
import { ContactRow, type Contact } from './contact-row';

interface ContactsAnswer {
  readonly contacts: readonly Contact[];
  readonly next?: string;
}

const TYPES = [
  { value: '', label: 'Everyone' },
  { value: 'contact-center', label: 'Contact center' },
  { value: 'teams', label: 'Teams' },
  { value: 'work', label: 'Work' },
] as const;
const SEARCH_DELAY_MS = 250;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  search: { flexGrow: 1, minWidth: '200px' },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  pager: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

function query(q: string, type: string, cursor: string | null): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (type) params.set('type', type);
  if (cursor) params.set('cursor', cursor);
  const text = params.toString();
  return `/api/directory/contacts${text ? `?${text}` : ''}`;
}

export function ContactsPage({ api }: { readonly api: Api }) {
  const styles = useStyles();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [type, setType] = useState('');
  /** Cursors of the pages before this one, so "Previous" needs no server support. */
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const [answer, setAnswer] = useState<ContactsAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(typed.trim());
      setCursors([null]);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    let current = true;
    setAnswer(null);
    void api<ContactsAnswer>(query(q, type, cursor)).then((result) => {
      if (!current) return;
      if (result.ok) return (setAnswer(result.body), setProblem(null));
      setProblem(`${result.message} (${result.code})`);
      setAnswer({ contacts: [] });
    });
    return () => {
      current = false;
    };
  }, [api, q, type, cursor]);

  const typeLabel = TYPES.find((t) => t.value === type)?.label ?? 'Everyone';
  return (
    <section className={styles.root} aria-label="Contacts">
      <div className={styles.filters}>
        <Field className={styles.search} label="Search by name or email">
          <SearchBox value={typed} onChange={(_, d) => setTyped(d.value)} />
        </Field>
        <Field label="Show">
          <Dropdown
            value={typeLabel}
            selectedOptions={[type]}
            onOptionSelect={(_, d) => (setType(d.optionValue ?? ''), setCursors([null]))}
          >
            {TYPES.map((t) => (
              <Option key={t.value} value={t.value}>
                {t.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      {problem ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>Contacts could not be loaded: {problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {!answer ? (
        <Spinner label="Loading contacts…" />
      ) : answer.contacts.length === 0 ? (
        problem ? null : (
          <Body1>Nobody matches.</Body1>
        )
      ) : (
        <ul className={styles.list} aria-label="People">
          {answer.contacts.map((c) => (
            <ContactRow key={`${c.email}-${c.displayName}`} contact={c} />
          ))}
        </ul>
      )}
      <div className={styles.pager}>
        <Button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </Button>
        <Caption1>Page {cursors.length}</Caption1>
        <Button
          disabled={!answer?.next}
          onClick={() => answer?.next && setCursors([...cursors, answer.next])}
        >
          Next page
        </Button>
      </div>
    </section>
  );
}
