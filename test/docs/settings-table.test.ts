// The README's Configuration tables are the settings the code reads, with the ranges and defaults the code
// enforces (issue 7: ranges such as PRESENCE_SESSION_MINUTES 10–240 were only in the code).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('Custom profiles:'));
const configSource = readFileSync('src/config.ts', 'utf8');
const emulatorSource = readFileSync('src/adapters/graph-emulator/main.ts', 'utf8');

/** Table rows by each setting named in their first cell (a row may name several). */
function rows(): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const cells = line.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, ''));
    for (const [, name] of cells[0]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) {
      byName.set(name!, [...(byName.get(name!) ?? []), line]);
    }
  }
  return byName;
}

const namesIn = (source: string, pattern: RegExp): string[] =>
  [...source.matchAll(pattern)].map((m) => m[1]!);
const read = new Set([
  ...namesIn(configSource, /'([A-Z][A-Z0-9]*_[A-Z0-9_]+|PORT)'/g),
  ...namesIn(emulatorSource, /(?:intFromEnv\('|process\.env\.)([A-Z][A-Z0-9_]+)/g),
]);

describe('docs: the README settings tables', () => {
  const table = rows();

  it('list every setting the service and the emulator read, and nothing else', () => {
    assert.ok(read.has('PRESENCE_SESSION_MINUTES') && read.has('EMULATOR_TOKEN') && read.size >= 25);
    assert.deepEqual(
      [...read].filter((n) => !table.has(n)),
      [],
      'read but not documented',
    );
    assert.deepEqual(
      [...table.keys()].filter((n) => !read.has(n)),
      [],
      'documented but not read',
    );
  });

  it("give every integer setting the code's range and default", () => {
    const integers = [
      ...configSource.matchAll(/integer\(env, '([A-Z_]+)', ([\d_* ]+), ([\d_* ]+), ([\d_* ]+)\)/g),
      ...emulatorSource.matchAll(/intFromEnv\('([A-Z_]+)', ([\d_]+), ([\d_]+), ([\d_]+)\)/g),
    ];
    assert.ok(integers.length >= 8, `found ${integers.length}`);
    const value = (expr: string): number =>
      expr.split('*').reduce((product, n) => product * Number(n.trim().replace(/_/g, '')), 1);
    for (const [, name, fallback, min, max] of integers) {
      const lines = (table.get(name!) ?? []).map((l) => l.replace(/(\d),(\d)/g, '$1$2'));
      const range = `integer ${value(min!)}–${value(max!)}`;
      assert.ok(
        lines.some((l) => l.includes(range)),
        `${name}: README should say "${range}"`,
      );
      assert.ok(
        lines.some((l) => l.trimEnd().endsWith(`| ${value(fallback!)} |`)),
        `${name}: default`,
      );
    }
  });

  it('state the defaults parseConfig applies', () => {
    const config = parseConfig({});
    const defaultOf = (name: string) =>
      table
        .get(name)?.[0]
        ?.split(' | ')
        .at(-1)
        ?.replace(/\s*\|$/, '');
    assert.equal(defaultOf('DATA_DIR'), `\`${config.dataDir}\``);
    assert.equal(defaultOf('PRESENCE_PROFILE'), `\`${config.presenceProfile}\``);
    assert.equal(defaultOf('LOG_LEVEL'), `\`${config.logLevel}\``);
    assert.equal(defaultOf('GRAPH_BASE_URL'), `\`${config.graphBaseUrl}\``);
  });
});
