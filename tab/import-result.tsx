// An import's outcome (dry run or applied) as one table: each agent with what happens to it and why.
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Subtitle2,
  type BadgeProps,
} from '@fluentui/react-components';

type Row = string | { readonly agentId: string; readonly reason?: string; readonly [key: string]: unknown };

export interface ImportResult {
  readonly created: readonly Row[];
  readonly updated: readonly Row[];
  readonly unchanged: readonly Row[];
  readonly conflicts: readonly { readonly agentId: string; readonly reason: string }[];
  readonly unknown?: readonly { readonly agentId: string; readonly reason: string }[];
}

const OUTCOMES = [
  ['created', 'Created', 'success'],
  ['updated', 'Updated', 'informative'],
  ['unchanged', 'Unchanged', 'subtle'],
  ['conflicts', 'Conflict', 'danger'],
  ['unknown', 'Unknown user', 'warning'],
] as const satisfies readonly (readonly [keyof ImportResult, string, BadgeProps['color']])[];

export function importRows(result: ImportResult) {
  return OUTCOMES.flatMap(([key, label, color]) =>
    (result[key] ?? []).map((row: Row) => ({
      agentId: typeof row === 'string' ? row : row.agentId,
      reason: typeof row === 'string' ? '' : (row.reason ?? ''),
      label,
      color,
    })),
  );
}

export function ImportResultTable({
  result,
  caption,
}: {
  readonly result: ImportResult;
  readonly caption: string;
}) {
  const rows = importRows(result);
  const counts = OUTCOMES.map(([key, label]) => `${(result[key] ?? []).length} ${label.toLowerCase()}`);
  return (
    <>
      <Subtitle2 as="h3">{`${caption}: ${counts.join(', ')}`}</Subtitle2>
      <Table size="small" aria-label={caption}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Agent</TableHeaderCell>
            <TableHeaderCell>Outcome</TableHeaderCell>
            <TableHeaderCell>Why</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={`${r.agentId}-${i}`}>
              <TableCell>{r.agentId}</TableCell>
              <TableCell>
                <Badge color={r.color}>{r.label}</Badge>
              </TableCell>
              <TableCell>{r.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
