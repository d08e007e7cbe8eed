// The linked agent at a glance: contact-center state, Teams presence as Switchboard sees it, the link, and
// anything Switchboard is holding or cannot deliver.
import {
  Badge,
  Body1,
  Caption1,
  Card,
  PresenceBadge,
  makeStyles,
  tokens,
  type PresenceBadgeStatus,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { AgentStatusView } from './api';
import { clockTime, presenceWords } from './sync-state';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px' },
  card: { padding: tokens.spacingHorizontalL },
  value: { display: 'flex', alignItems: 'center', gap: '8px' },
});

const PRESENCE_STATUS: Readonly<Record<string, PresenceBadgeStatus>> = {
  Available: 'available',
  AvailableIdle: 'available',
  Busy: 'busy',
  BusyIdle: 'busy',
  DoNotDisturb: 'do-not-disturb',
  Away: 'away',
  BeRightBack: 'away',
  Offline: 'offline',
};

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <Caption1>{label}</Caption1>
      <div className={styles.value}>{children}</div>
    </Card>
  );
}

/** The mapping that links the two sides now: the latest contact-center → Teams decision for this state. */
function currentMapping(agent: AgentStatusView): string {
  const d = agent.recentDecisions.find((x) => x.direction === 'cc-to-teams' && x.from === agent.ccState);
  if (!d) return agent.ccState ? `${agent.ccState} → no Teams change recorded yet` : 'Nothing to map yet';
  return `${d.from} → ${d.to}`;
}

export function AgentSummary({ agent }: { readonly agent: AgentStatusView }) {
  const styles = useStyles();
  const teams = agent.teams;
  const parked = agent.outbound.parked.length;
  return (
    <section className={styles.grid} aria-label="Your status">
      <Fact label="Contact-center state">
        <Body1>{agent.ccState ?? 'Not known yet'}</Body1>
      </Fact>
      <Fact label="Mapping">
        <Body1>{currentMapping(agent)}</Body1>
      </Fact>
      <Fact label="Teams presence (as Switchboard sees it)">
        <PresenceBadge status={teams ? (PRESENCE_STATUS[teams.availability] ?? 'unknown') : 'unknown'} />
        <Body1>{teams ? presenceWords(teams.availability, teams.activity) : 'Not known yet'}</Body1>
      </Fact>
      <Fact label="Linked agent">
        <Badge color="success">Linked</Badge>
        <Body1>{agent.displayName ? `${agent.displayName} (${agent.agentId})` : agent.agentId}</Body1>
      </Fact>
      <Fact label="Switchboard's presence session">
        <Body1>
          {agent.session
            ? `${presenceWords(agent.session.presence.availability, agent.session.presence.activity)} until ${clockTime(agent.session.expiresAt)}`
            : 'None: Teams shows your own presence'}
        </Body1>
      </Fact>
      {agent.hold ? (
        <Fact label="Held for a Teams activity">
          <Body1>{`${agent.hold.requested}, back to ${agent.hold.restoreTo} afterwards`}</Body1>
        </Fact>
      ) : null}
      {parked > 0 ? (
        <Fact label="Undelivered to the contact center">
          <Badge color="danger">{parked}</Badge>
          <Body1>request(s) parked after repeated failures</Body1>
        </Fact>
      ) : null}
    </section>
  );
}
