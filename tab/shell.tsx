// The signed-in tab: who you are, the pages (My status, Contacts, and Admin for admins), and the live
// connection that refreshes your status when it changes. Pages are named in the URL hash (#contacts).
import { Button, Caption1, Tab, TabList, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AdminPage } from './admin-page';
import { bindApi, type ApiResult, type TabMe } from './api';
import type { Session } from './app';
import { ContactsPage } from './contacts-page';
import { followChanges } from './live';
import { Notice } from './notice';
import { StatusPage } from './status-page';

type Page = 'status' | 'contacts' | 'admin';
const PAGES: readonly Page[] = ['status', 'contacts', 'admin'];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} clamp(8px, 4vw, 32px)`,
    maxWidth: '1100px',
    boxSizing: 'border-box',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: '8px',
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
});

function pageFromHash(): Page {
  const page = location.hash.replace(/^#/, '') as Page;
  return PAGES.includes(page) ? page : 'status';
}

function useMe(session: Session) {
  const api = useMemo(() => bindApi(session.tokens), [session]);
  const [me, setMe] = useState<ApiResult<TabMe> | null>(null);
  const reload = useCallback(() => void api<TabMe>('/api/tab/me').then(setMe), [api]);
  useEffect(() => {
    reload();
    const live = followChanges(session.tokens, reload);
    return () => live.stop();
  }, [session, reload]);
  return { api, me, reload };
}

/** Admin pages exist for admins only; the API decides (an app role or a configured group). */
function useIsAdmin(api: ReturnType<typeof bindApi>): boolean {
  const [admin, setAdmin] = useState(false);
  useEffect(() => void api('/api/tab/admin/links').then((r) => setAdmin(r.ok)), [api]);
  return admin;
}

interface ShellProps {
  readonly session: Session;
  readonly onSignOut: (() => void) | null;
}

export function Shell({ session, onSignOut }: ShellProps) {
  const styles = useStyles();
  const { api, me, reload } = useMe(session);
  const admin = useIsAdmin(api);
  const [page, setPage] = useState<Page>(pageFromHash);
  useEffect(() => {
    const follow = () => setPage(pageFromHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const go = (next: Page) => {
    history.replaceState(null, '', `#${next}`);
    setPage(next);
  };
  if (!me) return <Notice view={{ kind: 'loading' }} />;
  if (!me.ok) {
    const title = `Switchboard refused the request (${me.code})`;
    return <Notice view={{ kind: 'failed', title, message: me.message }} />;
  }
  const user = me.body.user;
  const shown = page === 'admin' && !admin ? 'status' : page;
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <div className={styles.who}>
          <Title3 as="h1">Switchboard</Title3>
          <Caption1>{[user.name, user.upn].filter(Boolean).join(' · ') || user.oid}</Caption1>
        </div>
        {onSignOut ? <Button onClick={onSignOut}>Switch user</Button> : null}
      </header>
      <nav aria-label="Pages">
        <TabList selectedValue={shown} onTabSelect={(_, d) => go(d.value as Page)}>
          <Tab value="status">My status</Tab>
          <Tab value="contacts">Contacts</Tab>
          {admin ? <Tab value="admin">Admin</Tab> : null}
        </TabList>
      </nav>
      <main>
        {shown === 'status' ? <StatusPage me={me.body} api={api} onChanged={reload} /> : null}
        {shown === 'contacts' ? <ContactsPage api={api} /> : null}
        {shown === 'admin' ? <AdminPage api={api} /> : null}
      </main>
    </div>
  );
}
