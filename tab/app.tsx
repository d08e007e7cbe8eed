// The tab: connect to Teams, get the SSO token, fetch /api/tab/me, and show it in Teams' theme. Outside
// Teams, or when any step fails, it says so instead of leaving the page blank.
import { FluentProvider } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { fetchMe, type TabMe } from './api';
import { Notice } from './notice';
import { StatusPage } from './status-page';
import { connectToTeams, type TeamsHost } from './teams-host';
import { fluentTheme } from './theme';

type View =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'outside-teams' }
  | { readonly kind: 'failed'; readonly title: string; readonly message: string }
  | { readonly kind: 'ready'; readonly me: TabMe };

const REFRESH_MS = 30_000;

async function loadMe(host: TeamsHost): Promise<View> {
  let token: string;
  try {
    token = await host.getToken();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', title: 'Teams did not give Switchboard a sign-in token', message: reason };
  }
  const result = await fetchMe(token);
  if (result.ok) return { kind: 'ready', me: result.me };
  return {
    kind: 'failed',
    title: `Switchboard refused the request (${result.code})`,
    message: result.message,
  };
}

export function App() {
  const [host, setHost] = useState<TeamsHost | null>(null);
  const [theme, setTheme] = useState<string | null>(null);
  const [view, setView] = useState<View>({ kind: 'connecting' });
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    let live = true;
    void connectToTeams().then((connected) => {
      if (!live) return;
      if (!connected) return setView({ kind: 'outside-teams' });
      setTheme(connected.theme);
      connected.onThemeChange(setTheme);
      setView({ kind: 'loading' });
      setHost(connected);
    });
    return () => {
      live = false;
    };
  }, []);

  const refresh = useCallback(async () => {
    if (!host) return;
    setRefreshing(true);
    setView(await loadMe(host));
    setRefreshing(false);
  }, [host]);

  useEffect(() => {
    if (!host) return;
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [host, refresh]);

  return (
    <FluentProvider theme={fluentTheme(theme)} style={{ minHeight: '100vh' }}>
      {view.kind === 'ready' ? (
        <StatusPage me={view.me} refreshing={refreshing} onRefresh={() => void refresh()} />
      ) : (
        <Notice view={view} />
      )}
    </FluentProvider>
  );
}
