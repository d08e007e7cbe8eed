// The tab: inside Teams, Teams' SSO token; outside Teams in local mode, a sign-in with the emulator's
// users; otherwise a notice saying to open it in Teams. Then the signed-in shell, in Teams' theme.
import { FluentProvider } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { TokenSource } from './api';
import {
  fetchLocalConfig,
  localTheme,
  localTokens,
  remember,
  rememberedUser,
  type LocalConfig,
  type LocalUser,
} from './local-preview';
import { Notice } from './notice';
import { Shell } from './shell';
import { SignIn } from './sign-in';
import { connectToTeams } from './teams-host';
import { fluentTheme } from './theme';

export interface Session {
  readonly tokens: TokenSource;
  /** Set in local preview: who was chosen, so the shell can offer to switch. */
  readonly localUser: LocalUser | null;
}

type View =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'outside-teams' }
  | { readonly kind: 'sign-in'; readonly config: LocalConfig; readonly error: string | null }
  | { readonly kind: 'ready'; readonly session: Session };

/** Teams always frames a tab; a top-level page in local mode need not wait for Teams to not answer. */
const framed = (): boolean => window.self !== window.top;

export function App() {
  const [theme, setTheme] = useState<string | null>(null);
  const [view, setView] = useState<View>({ kind: 'connecting' });

  const signIn = async (config: LocalConfig, user: LocalUser, admin: boolean) => {
    try {
      const tokens = await localTokens(user.oid, admin);
      remember(user.oid, admin);
      setView({ kind: 'ready', session: { tokens, localUser: user } });
    } catch (error) {
      remember(null);
      setView({ kind: 'sign-in', config, error: error instanceof Error ? error.message : String(error) });
    }
  };

  const startLocal = (config: LocalConfig) => {
    setTheme(localTheme());
    const remembered = rememberedUser();
    const known = config.users.find((u) => u.oid === remembered?.oid);
    if (known) return void signIn(config, known, remembered?.admin ?? false);
    setView({ kind: 'sign-in', config, error: null });
  };

  useEffect(() => {
    let live = true;
    const start = async () => {
      const local = await fetchLocalConfig();
      if (local && !framed()) return startLocal(local);
      const teams = await connectToTeams();
      if (!live) return;
      if (teams) {
        setTheme(teams.theme);
        teams.onThemeChange(setTheme);
        return setView({ kind: 'ready', session: { tokens: teams.getToken, localUser: null } });
      }
      if (local) return startLocal(local);
      setView({ kind: 'outside-teams' });
    };
    void start();
    return () => {
      live = false;
    };
  }, []);

  const signOut = () => {
    remember(null);
    setView({ kind: 'connecting' });
    void fetchLocalConfig().then((config) =>
      setView(config ? { kind: 'sign-in', config, error: null } : { kind: 'outside-teams' }),
    );
  };

  return (
    <FluentProvider theme={fluentTheme(theme)} style={{ minHeight: '100vh' }}>
      {view.kind === 'ready' ? (
        <Shell session={view.session} onSignOut={view.session.localUser ? signOut : null} />
      ) : view.kind === 'sign-in' ? (
        <SignIn
          config={view.config}
          error={view.error}
          onSignIn={(u, admin) => void signIn(view.config, u, admin)}
        />
      ) : (
        <Notice view={view} />
      )}
    </FluentProvider>
  );
}
