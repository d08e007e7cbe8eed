// CSV import: paste or choose a file (header agentId,upn or agentId,teamsUserId), see the dry run's table
// (created, updated, unchanged, conflicts, unknown), then apply exactly that CSV.
import {
  Body1,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type ChangeEvent } from 'react';
import type { Api } from './api';
import { ImportResultTable, type ImportResult } from './import-result';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  csv: { fontFamily: tokens.fontFamilyMonospace },
});

const EXAMPLE = 'agentId,upn\nA100,ada@contoso.example\n';

type Stage =
  | { readonly kind: 'editing' }
  | { readonly kind: 'previewed'; readonly csv: string; readonly result: ImportResult }
  | { readonly kind: 'applied'; readonly result: ImportResult };

export function AdminImport({ api }: { readonly api: Api }) {
  const styles = useStyles();
  const [csv, setCsv] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'editing' });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean, body: string) => {
    setBusy(true);
    setProblem(null);
    const path = `/api/tab/admin/links/import${dryRun ? '?dryRun=true' : ''}`;
    const result = await api<ImportResult>(path, { method: 'POST', body, contentType: 'text/csv' });
    setBusy(false);
    if (!result.ok) return (setProblem(`${result.message} (${result.code})`), null);
    return result.body;
  };
  const preview = async () => {
    const result = await send(true, csv);
    if (result) setStage({ kind: 'previewed', csv, result });
  };
  const apply = async (previewed: string) => {
    const result = await send(false, previewed);
    if (result) setStage({ kind: 'applied', result });
  };
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setStage({ kind: 'editing' });
  };

  return (
    <div className={styles.root}>
      <Body1>
        One row per link: <code>agentId,upn</code> or <code>agentId,teamsUserId</code>. The dry run shows what
        would change; nothing is saved until you apply it.
      </Body1>
      <Field label="CSV">
        <Textarea
          className={styles.csv}
          resize="vertical"
          rows={6}
          value={csv}
          placeholder={EXAMPLE}
          onChange={(_, d) => (setCsv(d.value), setStage({ kind: 'editing' }))}
        />
      </Field>
      <div className={styles.actions}>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="Choose a CSV file"
          onChange={(e) => void choose(e)}
        />
        <Button appearance="primary" disabled={busy || csv.trim() === ''} onClick={() => void preview()}>
          Dry run
        </Button>
      </div>
      {problem ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>The import was refused</MessageBarTitle>
            {problem}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {stage.kind === 'previewed' ? (
        <>
          <ImportResultTable result={stage.result} caption="Dry run: nothing changed yet" />
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy} onClick={() => void apply(stage.csv)}>
              Apply exactly this
            </Button>
            <Body1>Conflicts and unknown rows are skipped.</Body1>
          </div>
        </>
      ) : null}
      {stage.kind === 'applied' ? (
        <>
          <MessageBar intent="success">
            <MessageBarBody>Import applied.</MessageBarBody>
          </MessageBar>
          <ImportResultTable result={stage.result} caption="Applied" />
        </>
      ) : null}
    </div>
  );
}
