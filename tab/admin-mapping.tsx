// The mapping profile: edit its JSON, see "these agents would change like this", then save. The server
// validates the profile; a refusal is shown with its reason and nothing is saved.
import {
  Body1,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from './api';

interface DryRunRow {
  readonly agentId: string;
  readonly ccState: string | null;
  readonly teamsNow: unknown;
  readonly teamsWouldBe: unknown;
  readonly reason: string;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  json: { fontFamily: tokens.fontFamilyMonospace, minHeight: '16em' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  scroll: { overflowX: 'auto' },
});

/** Presence as a person reads it: "Busy / InACall", a plain string, or "—". */
export function presenceText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  const p = value as { availability?: string; activity?: string };
  return [p.availability, p.activity].filter(Boolean).join(' / ') || JSON.stringify(value);
}

type Outcome = { readonly intent: 'success' | 'error'; readonly text: string } | null;

export function AdminMapping({ api }: { readonly api: Api }) {
  const styles = useStyles();
  const [text, setText] = useState<string | null>(null);
  const [rows, setRows] = useState<readonly DryRunRow[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => {
    void api<unknown>('/api/tab/admin/mapping').then((r) =>
      r.ok
        ? setText(JSON.stringify(r.body, null, 2))
        : (setText(''), setOutcome({ intent: 'error', text: r.message })),
    );
  }, [api]);
  if (text === null) return <Spinner label="Loading the mapping…" />;

  const parsed = (): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      setOutcome({ intent: 'error', text: `Not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  };
  const dryRun = async () => {
    const profile = parsed();
    if (profile === undefined) return;
    const r = await api<{ agents: DryRunRow[] }>('/api/tab/admin/mapping/dry-run', {
      method: 'POST',
      body: profile,
    });
    if (!r.ok) return (setRows(null), setOutcome({ intent: 'error', text: `${r.message} (${r.code})` }));
    setRows(r.body.agents);
    setOutcome(null);
  };
  const save = async () => {
    const profile = parsed();
    if (profile === undefined) return;
    const r = await api('/api/tab/admin/mapping', { method: 'PUT', body: profile });
    setOutcome(
      r.ok
        ? { intent: 'success', text: 'Mapping saved.' }
        : { intent: 'error', text: `${r.message} (${r.code})` },
    );
  };

  return (
    <div className={styles.root}>
      <Field label="Mapping profile (JSON)">
        <Textarea
          className={styles.json}
          textarea={{ className: styles.json, spellCheck: false }}
          resize="vertical"
          value={text}
          onChange={(_, d) => (setText(d.value), setRows(null))}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void dryRun()}>
          Dry run
        </Button>
        <Button disabled={rows === null} onClick={() => void save()}>
          Save
        </Button>
      </div>
      {outcome ? (
        <MessageBar intent={outcome.intent} role={outcome.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      {rows === null ? null : rows.length === 0 ? (
        <Body1>No agent would change.</Body1>
      ) : (
        <div className={styles.scroll}>
          <Table size="small" aria-label="Mapping dry run">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Agent</TableHeaderCell>
                <TableHeaderCell>Contact-center state</TableHeaderCell>
                <TableHeaderCell>Teams now</TableHeaderCell>
                <TableHeaderCell>Teams would be</TableHeaderCell>
                <TableHeaderCell>Why</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.agentId}>
                  <TableCell>{r.agentId}</TableCell>
                  <TableCell>{r.ccState ?? '—'}</TableCell>
                  <TableCell>{presenceText(r.teamsNow)}</TableCell>
                  <TableCell>{presenceText(r.teamsWouldBe)}</TableCell>
                  <TableCell>{r.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
