// Linking your Teams account to your contact-center agent: the three ways explained, the self-service
// flow (agent id → code in your workspace → type it → linked) and unlinking.
import {
  Body1,
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Api, TabLink } from './api';
import { explainLinkFailure, type Explained } from './link-messages';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  field: { flexGrow: 1, minWidth: '180px' },
  ways: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', gap: '4px' },
});

interface LinkPanelProps {
  readonly api: Api;
  readonly link: TabLink;
  readonly onChanged: () => void;
}

function HowLinkingWorks() {
  const styles = useStyles();
  return (
    <ul className={styles.ways}>
      <li>
        <strong>Automatically</strong>: when your contact center sends your agent with the same email as your
        Teams sign-in, Switchboard links you.
      </li>
      <li>
        <strong>Yourself</strong>: enter your agent id; Switchboard sends a one-time code to that agent&apos;s
        workspace; type it here.
      </li>
      <li>
        <strong>By an administrator</strong>: in bulk, from a CSV file.
      </li>
    </ul>
  );
}

function Problem({ problem }: { readonly problem: Explained | null }) {
  if (!problem) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{problem.title}</MessageBarTitle>
        {problem.message}
      </MessageBarBody>
    </MessageBar>
  );
}

export function LinkPanel({ api, link, onChanged }: LinkPanelProps) {
  const styles = useStyles();
  const [agentId, setAgentId] = useState(link.agentId ?? '');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(link.state === 'pending' ? (link.agentId ?? '') : null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [confirmUnlink, setConfirmUnlink] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    await work();
    setBusy(false);
  };
  const request = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await api<{ expiresAt: string }>('/api/tab/link', {
        method: 'POST',
        body: { agentId: agentId.trim() },
      });
      if (!result.ok) return setProblem(explainLinkFailure(result));
      setSentTo(agentId.trim());
      setCode('');
      onChanged(); // the server now says "pending", and the sync state says what to do next
    });
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await api<{ agentId: string }>('/api/tab/link/confirm', {
        method: 'POST',
        body: { code: code.trim() },
      });
      if (result.ok) return onChanged();
      const explained = explainLinkFailure(result);
      setProblem(explained);
      if (explained.restart) setSentTo(null);
    });
  };
  const unlink = () =>
    void run(async () => {
      const result = await api('/api/tab/link', { method: 'DELETE' });
      if (!result.ok) return setProblem(explainLinkFailure(result));
      setConfirmUnlink(false);
      onChanged();
    });

  if (link.state === 'linked') {
    return (
      <Card className={styles.card} aria-label="Your link">
        <Subtitle2 as="h2">Your link</Subtitle2>
        <Body1>{`Your Teams account is linked to agent ${link.agentId ?? ''}.`}</Body1>
        <Problem problem={problem} />
        {confirmUnlink ? (
          <div className={styles.form}>
            <Body1>Stop syncing and unlink?</Body1>
            <Button appearance="primary" onClick={unlink} disabled={busy}>
              Yes, unlink
            </Button>
            <Button onClick={() => setConfirmUnlink(false)}>Keep the link</Button>
          </div>
        ) : (
          <div>
            <Button onClick={() => setConfirmUnlink(true)}>Unlink…</Button>
          </div>
        )}
      </Card>
    );
  }
  return (
    <Card className={styles.card} aria-label="Link your agent">
      <Subtitle2 as="h2">Link your contact-center agent</Subtitle2>
      <HowLinkingWorks />
      <Problem problem={problem} />
      {sentTo === null ? (
        <form className={styles.form} onSubmit={request}>
          <Field className={styles.field} label="Your agent id">
            <Input value={agentId} onChange={(_, d) => setAgentId(d.value)} autoComplete="off" />
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || agentId.trim() === ''}>
            Send me a code
          </Button>
        </form>
      ) : (
        <form className={styles.form} onSubmit={confirm}>
          <Field
            className={styles.field}
            label="Code from your workspace"
            hint={`Sent to agent ${sentTo}'s contact-center workspace.`}
          >
            <Input
              value={code}
              onChange={(_, d) => setCode(d.value)}
              autoComplete="one-time-code"
              inputMode="numeric"
            />
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || code.trim() === ''}>
            Link
          </Button>
          <Button onClick={() => setSentTo(null)} disabled={busy}>
            Use another agent id
          </Button>
        </form>
      )}
    </Card>
  );
}
