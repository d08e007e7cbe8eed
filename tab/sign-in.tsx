// Local preview's sign-in: pick one of the emulator's users. The token comes from the emulator's issuer, so
// what follows is exactly what happens inside Teams.
import {
  Body1,
  Button,
  Card,
  Caption1,
  Checkbox,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { LocalConfig, LocalUser } from './local-preview';

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '640px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  users: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  user: { width: '100%', justifyContent: 'flex-start', textAlign: 'left' },
  who: { display: 'flex', flexDirection: 'column' },
});

interface SignInProps {
  readonly config: LocalConfig;
  readonly error: string | null;
  readonly onSignIn: (user: LocalUser, admin: boolean) => void;
}

export function SignIn({ config, error, onSignIn }: SignInProps) {
  const styles = useStyles();
  const [admin, setAdmin] = useState(false);
  return (
    <main className={styles.root}>
      <Title2 as="h1">Switchboard: local preview</Title2>
      <Body1>
        Outside Teams, in local mode, you sign in with the emulator&apos;s identity provider (
        {config.emulator}) instead of Teams. The tab then works exactly as it does inside Teams.
      </Body1>
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Sign-in failed</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Card>
        <Caption1 id="sign-in-as">Sign in as</Caption1>
        <ul className={styles.users} aria-labelledby="sign-in-as">
          {config.users.map((user) => (
            <li key={user.oid}>
              <Button className={styles.user} appearance="subtle" onClick={() => onSignIn(user, admin)}>
                <span className={styles.who}>
                  <span>Sign in as {user.name}</span>
                  <Caption1>{user.upn}</Caption1>
                </span>
              </Button>
            </li>
          ))}
        </ul>
        <Checkbox
          checked={admin}
          onChange={(_, d) => setAdmin(d.checked === true)}
          label="As an administrator (adds the Switchboard.Admin app role to the token)"
        />
      </Card>
    </main>
  );
}
