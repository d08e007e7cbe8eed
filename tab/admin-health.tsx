// Sync health: per linked user (last event, lag, coverage, outbound backlog) and the tenant's presence
// quota, with charts of quota use and lag over the last hour. The server's history is used when it sends
// one; otherwise the page samples health while it is open, and says so.
import {
  Body1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api, ApiResult } from './api';
import { healthSeries, normaliseHealth, type Health, type UserHealth } from './health-model';
import { SparkChart, type Point } from './spark-chart';

const HOUR_MS = 3_600_000;
const SAMPLE_MS = 15_000;

const useStyles = makeStyles({
  charts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL },
  scroll: { overflowX: 'auto' },
});

const ms = (v: number) => (v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`);

function UserRows({ users }: { readonly users: readonly UserHealth[] }) {
  return (
    <Table size="small" aria-label="Sync health per user">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Agent</TableHeaderCell>
          <TableHeaderCell>Last event</TableHeaderCell>
          <TableHeaderCell>Lag</TableHeaderCell>
          <TableHeaderCell>Coverage</TableHeaderCell>
          <TableHeaderCell>Outbound backlog</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((u) => (
          <TableRow key={u.agentId}>
            <TableCell>{u.agentId}</TableCell>
            <TableCell>{u.lastEventAt ? new Date(u.lastEventAt).toLocaleTimeString() : 'none yet'}</TableCell>
            <TableCell>{u.lagMs === null ? '—' : ms(u.lagMs)}</TableCell>
            <TableCell>{u.coverage ?? '—'}</TableCell>
            <TableCell>{u.outboundBacklog}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AdminHealth({ api }: { readonly api: Api }) {
  const styles = useStyles();
  const [answer, setAnswer] = useState<ApiResult<unknown> | null>(null);
  const [samples, setSamples] = useState<{ quota: Point[]; lag: Point[] }>({ quota: [], lag: [] });
  useEffect(() => {
    const load = () =>
      void api<unknown>('/api/tab/admin/health').then((r) => {
        setAnswer(r);
        if (r.ok) setSamples((s) => healthSeries(r.body, s, Date.now(), HOUR_MS));
      });
    load();
    const timer = setInterval(load, SAMPLE_MS);
    return () => clearInterval(timer);
  }, [api]);
  if (!answer) return <Spinner label="Loading sync health…" />;
  if (!answer.ok) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{`${answer.message} (${answer.code})`}</MessageBarBody>
      </MessageBar>
    );
  }
  const health: Health = normaliseHealth(answer.body);
  const quota = health.quota;
  const now = Date.now();
  return (
    <>
      <Body1>
        {quota
          ? `Presence quota: ${quota.used} of ${quota.limit} requests in the current ${quota.windowSeconds ?? 30} s window.`
          : 'The server reports no quota figures.'}
      </Body1>
      <div className={styles.charts}>
        <SparkChart
          title="Quota use"
          series={samples.quota}
          max={quota?.limit}
          format={(v) => `${v} requests`}
          windowMs={HOUR_MS}
          now={now}
        />
        <SparkChart title="Worst lag" series={samples.lag} format={ms} windowMs={HOUR_MS} now={now} />
      </div>
      <div className={styles.scroll}>
        <UserRows users={(health.users ?? []).map((u) => u)} />
      </div>
    </>
  );
}
