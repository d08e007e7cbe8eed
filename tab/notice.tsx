// Everything the tab shows instead of the status: connecting, outside Teams, or a failure with its reason.
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';

type NoticeView =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'outside-teams' }
  | { readonly kind: 'failed'; readonly title: string; readonly message: string };

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalXXL, maxWidth: '720px' },
});

export function Notice({ view }: { readonly view: NoticeView }) {
  const styles = useStyles();
  if (view.kind === 'connecting' || view.kind === 'loading') {
    const label = view.kind === 'connecting' ? 'Connecting to Teams…' : 'Loading your status…';
    return (
      <div className={styles.root}>
        <Spinner label={label} />
      </div>
    );
  }
  if (view.kind === 'outside-teams') {
    return (
      <div className={styles.root}>
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Open Switchboard in Microsoft Teams</MessageBarTitle>
            This page is Switchboard's personal tab. It shows your contact-center state and Teams presence
            once Teams signs you in, so it only works inside Teams.
          </MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return (
    <div className={styles.root}>
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>{view.title}</MessageBarTitle>
          {view.message}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
