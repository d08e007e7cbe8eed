// Recent sync decisions, newest first, each with the reason Switchboard gave for it.
import {
  Body1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { AgentStatusView } from './api';

type Decision = AgentStatusView['recentDecisions'][number];

const DIRECTION: Readonly<Record<string, string>> = {
  'cc-to-teams': 'Contact center → Teams',
  'teams-to-cc': 'Teams → contact center',
};

export function DecisionsTable({ decisions }: { readonly decisions: readonly Decision[] }) {
  if (decisions.length === 0) return <Body1>No decisions yet.</Body1>;
  return (
    <Table size="small" aria-label="Recent sync decisions">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>When</TableHeaderCell>
          <TableHeaderCell>Direction</TableHeaderCell>
          <TableHeaderCell>From</TableHeaderCell>
          <TableHeaderCell>To</TableHeaderCell>
          <TableHeaderCell>Why</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {decisions.map((d, i) => (
          <TableRow key={`${d.at}-${i}`}>
            <TableCell>{new Date(d.at).toLocaleString()}</TableCell>
            <TableCell>{DIRECTION[d.direction] ?? d.direction}</TableCell>
            <TableCell>{d.from}</TableCell>
            <TableCell>{d.to}</TableCell>
            <TableCell>{d.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
