// The links CSV of POST /api/admin/links/import, parsed with csv-parse: header `agentId,upn` or
// `agentId,teamsUserId`, one link a row. Every row is checked before anything is planned; a bad or duplicate
// row rejects the whole file with the lines named.
import { parse } from 'csv-parse/sync';
import { agentId as toAgentId, idProblem } from '../../src/domain/ids';
import type { ImportRow } from '../../src/identity/import-plan';

export const MAX_IMPORT_ROWS = 5000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADDRESS = /^[^\s@]{1,128}@[^\s@]{1,128}$/;

export type CsvResult =
  | { readonly ok: true; readonly rows: ImportRow[] }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly details?: unknown };

interface Problem {
  readonly line: number;
  readonly message: string;
}

function records(text: string): string[][] | CsvResult {
  try {
    return parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 4096,
    }) as string[][];
  } catch (error) {
    return {
      ok: false,
      code: 'invalid_csv',
      message: `The file is not valid CSV: ${(error as Error).message}`,
    };
  }
}

/** Parses and checks the whole file; rows are returned only when every one is valid and none repeats. */
export function parseLinksCsv(text: string): CsvResult {
  const all = records(text);
  if (!Array.isArray(all)) return all;
  const [header, ...body] = all;
  const key = header?.[1];
  if (header?.length !== 2 || header[0] !== 'agentId' || (key !== 'upn' && key !== 'teamsUserId')) {
    return {
      ok: false,
      code: 'invalid_csv',
      message: 'The header row must be agentId,upn or agentId,teamsUserId',
    };
  }
  if (body.length === 0)
    return { ok: false, code: 'invalid_csv', message: 'The file has no rows after the header' };
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      code: 'too_many_rows',
      message: `At most ${MAX_IMPORT_ROWS} rows per import (got ${body.length})`,
    };
  }
  const problems: Problem[] = [];
  const rows: ImportRow[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const problem = rowProblem(cells, key);
    if (problem) problems.push({ line, message: problem });
    else rows.push(toRow(cells, key, line));
  });
  if (problems.length > 0) {
    const message = `${problems.length} row(s) are not valid; nothing was planned or changed`;
    return { ok: false, code: 'invalid_csv', message, details: problems.slice(0, 100) };
  }
  const duplicates = duplicateRows(rows);
  if (duplicates.length > 0) {
    const message = 'An agent or a Teams user appears on more than one row; each may appear once';
    return { ok: false, code: 'duplicate_rows', message, details: duplicates.slice(0, 100) };
  }
  return { ok: true, rows };
}

function rowProblem(cells: readonly string[], key: 'upn' | 'teamsUserId'): string | null {
  if (cells.length !== 2) return `expected 2 columns, got ${cells.length}`;
  const id = idProblem(cells[0]);
  if (id) return `agentId ${id}`;
  const value = cells[1] ?? '';
  if (key === 'upn' && !ADDRESS.test(value)) return 'upn must look like name@domain';
  if (key === 'teamsUserId' && !GUID.test(value)) return 'teamsUserId must be an Entra object id (GUID)';
  return null;
}

function toRow(cells: readonly string[], key: 'upn' | 'teamsUserId', line: number): ImportRow {
  const value = cells[1] ?? '';
  const agentId = toAgentId(cells[0] ?? '');
  return key === 'upn' ? { line, agentId, upn: value } : { line, agentId, teamsUserId: value.toLowerCase() };
}

function duplicateRows(rows: readonly ImportRow[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  for (const row of rows) {
    const user = (row.upn ?? row.teamsUserId ?? '').toLowerCase();
    for (const k of [`agent:${row.agentId}`, `user:${user}`]) {
      const first = seen.get(k);
      if (first !== undefined)
        problems.push({ line: row.line, message: `repeats line ${first} (${k.replace(':', ' ')})` });
      else seen.set(k, row.line);
    }
  }
  return problems;
}

/**
 * One CSV cell for export: a value a spreadsheet would run as a formula (= + - @, tab, carriage return) is
 * prefixed with an apostrophe (OWASP "CSV injection"), and every cell is quoted.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function linksCsv(
  links: readonly { agentId: string; teamsUserId: string; upn?: string; createdAt: string }[],
): string {
  const header = 'agentId,teamsUserId,upn,createdAt';
  const rows = links.map((l) => [l.agentId, l.teamsUserId, l.upn ?? '', l.createdAt].map(csvCell).join(','));
  return [header, ...rows].join('\r\n') + '\r\n';
}
