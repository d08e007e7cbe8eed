// Every error code the service can answer with is documented, with its status, in docs/INTEGRATION.md's
// error table and in docs/openapi.yaml. The codes are read from the sources, so a new one cannot be missed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['bot', 'src/adapters/signature', 'src/subscriptions/account-admin.ts'];
/** Codes that reach an answer through a thrown CodedError (bot/http/admin-routes.ts sendCoded). */
const THROWN_TO_CLIENT = { link_conflict: 409, invalid_profile: 400 } as const;

function files(path: string): string[] {
  if (path.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(path, e.name)) : e.name.endsWith('.ts') ? [join(path, e.name)] : [],
  );
}

/** code → the statuses it is sent with (empty when the status is set elsewhere). */
function codesInSources(): Map<string, Set<string>> {
  const codes = new Map<string, Set<string>>();
  const add = (code: string, status?: string) => {
    const statuses = codes.get(code) ?? new Set<string>();
    if (status) statuses.add(status);
    codes.set(code, statuses);
  };
  const patterns = [
    /sendError\(\s*\w+,\s*(\d{3}),\s*'([a-z]+(?:_[a-z]+)*)'/g,
    /res\.send\((\d{3}),\s*\{\s*error:\s*\{\s*code:\s*'([a-z_]+)'/g,
    /^\s*(\d{3}): '([a-z_]+)',$/gm,
  ];
  for (const file of SOURCES.flatMap(files)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) add(m[2]!, m[1]);
    for (const m of text.matchAll(/(?:reject\(|code: |\| |\? )'([a-z]+_[a-z_]+)'/g)) add(m[1]!);
    for (const m of text.matchAll(/\? '[a-z_]+' : '([a-z]+_[a-z_]+)'/g)) add(m[1]!);
  }
  for (const [code, status] of Object.entries(THROWN_TO_CLIENT)) add(code, String(status));
  return codes;
}

/** The guide's error table: code → status column. */
function guideTable(): Map<string, string> {
  const guide = readFileSync('docs/INTEGRATION.md', 'utf8');
  const section = guide.slice(guide.indexOf('## Errors'), guide.indexOf('## Limits'));
  return new Map([...section.matchAll(/^\| (\dxx|\d{3}) \| `([a-z_]+)` \|/gm)].map((m) => [m[2]!, m[1]!]));
}

describe('docs: error codes', () => {
  const codes = codesInSources();

  it('finds the codes in the sources (the patterns still match the code)', () => {
    const some = [
      'invalid_event',
      'signature_invalid',
      'token_expired',
      'not_ready',
      'internal_error',
      'request_error',
    ];
    for (const code of some) assert.ok(codes.has(code), code);
    assert.ok(codes.size >= 30, `only ${codes.size} codes found`);
  });

  it('lists every code with its status in the guide', () => {
    const table = guideTable();
    for (const [code, statuses] of codes) {
      const documented = table.get(code);
      assert.ok(documented, `docs/INTEGRATION.md's error table lacks ${code}`);
      for (const status of statuses)
        assert.ok(
          documented === status || documented === '4xx',
          `${code}: sent with ${status}, documented ${documented}`,
        );
    }
  });

  it('names every code in docs/openapi.yaml', () => {
    const openapi = readFileSync('docs/openapi.yaml', 'utf8');
    const missing = [...codes.keys()].filter((code) => !openapi.includes(code));
    assert.deepEqual(missing, []);
  });
});
