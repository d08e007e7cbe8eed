// The signed-in user's page: who they are, whether their Teams account is linked to a contact-center agent,
// and, when it is, the agent's state, their Teams presence as Switchboard sees it, and recent decisions.
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { TabMe } from './api';
import { AgentSummary } from './agent-summary';
import { DecisionsTable } from './decisions-table';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '1100px',
  },
  header: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: '12px' },
  who: { display: 'flex', flexDirection: 'column' },
});

interface StatusPageProps {
  readonly me: TabMe;
  readonly refreshing: boolean;
  readonly onRefresh: () => void;
}

export function StatusPage({ me, refreshing, onRefresh }: StatusPageProps) {
  const styles = useStyles();
  const { user, agent } = me;
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <div className={styles.who}>
          <Title2 as="h1">Switchboard</Title2>
          <Caption1>{[user.name, user.upn].filter(Boolean).join(' · ') || user.oid}</Caption1>
        </div>
        <Button onClick={onRefresh} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </header>
      {agent ? (
        <>
          <AgentSummary agent={agent} />
          <Subtitle2 as="h2">Recent sync decisions</Subtitle2>
          <DecisionsTable decisions={agent.recentDecisions} />
        </>
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Not linked</MessageBarTitle>
            Your Teams account is not linked to a contact-center agent, so Switchboard does not sync your
            presence. Ask your administrator to link your agent id to your Teams user id {user.oid}.
          </MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
