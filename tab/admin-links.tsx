// Every link, searchable by agent id, Teams user id or UPN, and filterable by how it was identified.
import {
  Body1,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  SearchBox,
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

export interface AdminLink {
  readonly agentId: string;
  readonly teamsUserId: string;
  readonly upn?: string | null;
  readonly createdAt?: string;
}

const FILTERS = { all: 'All links', upn: 'With a UPN', 'no-upn': 'Without a UPN' } as const;
type Filter = keyof typeof FILTERS;

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  search: { flexGrow: 1, minWidth: '200px' },
  scroll: { overflowX: 'auto' },
});

export function filterLinks(links: readonly AdminLink[], text: string, filter: Filter): AdminLink[] {
  const needle = text.trim().toLowerCase();
  return links.filter((l) => {
    if (filter === 'upn' && !l.upn) return false;
    if (filter === 'no-upn' && l.upn) return false;
    if (!needle) return true;
    return [l.agentId, l.teamsUserId, l.upn ?? ''].some((v) => v.toLowerCase().includes(needle));
  });
}

export function AdminLinks({ api }: { readonly api: Api }) {
  const styles = useStyles();
  const [answer, setAnswer] = useState<ApiResult<{ links: AdminLink[] }> | null>(null);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  useEffect(() => void api<{ links: AdminLink[] }>('/api/tab/admin/links').then(setAnswer), [api]);
  if (!answer) return <Spinner label="Loading links…" />;
  if (!answer.ok) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{`${answer.message} (${answer.code})`}</MessageBarBody>
      </MessageBar>
    );
  }
  const shown = filterLinks(answer.body.links, text, filter);
  return (
    <>
      <div className={styles.filters}>
        <Field className={styles.search} label="Search links">
          <SearchBox
            value={text}
            onChange={(_, d) => setText(d.value)}
            placeholder="Agent id, user id or UPN"
          />
        </Field>
        <Field label="Filter">
          <Dropdown
            value={FILTERS[filter]}
            selectedOptions={[filter]}
            onOptionSelect={(_, d) => setFilter((d.optionValue as Filter) ?? 'all')}
          >
            {Object.entries(FILTERS).map(([value, label]) => (
              <Option key={value} value={value}>
                {label}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      <Body1>
        {shown.length} of {answer.body.links.length} links
      </Body1>
      <div className={styles.scroll}>
        <Table size="small" aria-label="Links">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Agent</TableHeaderCell>
              <TableHeaderCell>UPN</TableHeaderCell>
              <TableHeaderCell>Teams user id</TableHeaderCell>
              <TableHeaderCell>Linked</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((l) => (
              <TableRow key={l.agentId}>
                <TableCell>{l.agentId}</TableCell>
                <TableCell>{l.upn ?? '—'}</TableCell>
                <TableCell>{l.teamsUserId}</TableCell>
                <TableCell>{l.createdAt ? new Date(l.createdAt).toLocaleString() : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
