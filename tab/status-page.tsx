// The signed-in user's page: the sync state in one phrase, the contact-center state and Teams presence side
// by side with the mapping between them, recent decisions in plain words, and the link (make or undo it).
import {
  Badge,
  Body1,
  Card,
  Subtitle2,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { linkOf, type Api, type TabMe } from './api';
import { AgentSummary } from './agent-summary';
import { DecisionsTable } from './decisions-table';
import { LinkPanel } from './link-panel';
import { syncStateOf, type SyncStateKind } from './sync-state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  state: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'row',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
});

const BADGE: Readonly<Record<SyncStateKind, BadgeProps['color']>> = {
  active: 'success',
  held: 'important',
  manual: 'warning',
  pending: 'informative',
  'not-linked': 'subtle',
};

interface StatusPageProps {
  readonly me: TabMe;
  readonly api: Api;
  /** Fetch /api/tab/me again (after linking, unlinking). */
  readonly onChanged: () => void;
}

export function StatusPage({ me, api, onChanged }: StatusPageProps) {
  const styles = useStyles();
  const state = syncStateOf(me);
  const agent = me.agent;
  return (
    <div className={styles.root}>
      <Card className={styles.state} aria-live="polite" aria-label="Sync state">
        <Badge size="large" color={BADGE[state.kind]}>
          {state.label}
        </Badge>
        <Body1>{state.detail}</Body1>
      </Card>
      {agent ? (
        <>
          <AgentSummary agent={agent} />
          <Subtitle2 as="h2">Recent sync decisions</Subtitle2>
          <DecisionsTable decisions={agent.recentDecisions} />
        </>
      ) : null}
      <LinkPanel
        // A new panel only when the link is made or undone: "pending" arriving from the server after the code
        // was requested must not remount it (that would drop a code already being typed).
        key={linkOf(me).state === 'linked' ? `linked-${linkOf(me).agentId ?? ''}` : 'unlinked'}
        api={api}
        link={linkOf(me)}
        onChanged={onChanged}
      />
    </div>
  );
}
