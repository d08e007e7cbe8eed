// Recent sync decisions, newest first, each said plainly with its time and the reason Switchboard gave.
import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { AgentStatusView } from './api';
import { clockTime, decisionHeadline } from './sync-state';

type Decision = AgentStatusView['recentDecisions'][number];

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'grid',
    gridTemplateColumns: '5.5em 1fr',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  when: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  what: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
});

export function DecisionsTable({ decisions }: { readonly decisions: readonly Decision[] }) {
  const styles = useStyles();
  if (decisions.length === 0) return <Body1>No decisions yet.</Body1>;
  return (
    <ol className={styles.list} aria-label="Recent sync decisions">
      {decisions.map((d, i) => (
        <li key={`${d.at}-${i}`} className={styles.item}>
          <time className={styles.when} dateTime={d.at} title={new Date(d.at).toLocaleString()}>
            {clockTime(d.at)}
          </time>
          <div className={styles.what}>
            <Body1>{decisionHeadline(d)}</Body1>
            <Caption1>{d.reason}</Caption1>
          </div>
        </li>
      ))}
    </ol>
  );
}
