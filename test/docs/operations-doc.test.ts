// docs/OPERATIONS.md names only things that exist: every setting is in the README's Configuration table,
// every switchboard_* metric is one the service registers, and every npm script is in package.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PromMetrics } from '../../src/adapters/metrics';

const doc = readFileSync('docs/OPERATIONS.md', 'utf8');
const readme = readFileSync('README.md', 'utf8');
const configuration = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Architecture'));
const scripts = Object.keys(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts,
);

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

describe('docs: docs/OPERATIONS.md', () => {
  it('mentions only settings of the README Configuration table', () => {
    const settings = unique([...doc.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1]!));
    assert.ok(settings.includes('DATABASE_SCHEMA') && settings.length >= 8, 'the doc names settings');
    assert.deepEqual(
      settings.filter((name) => !configuration.includes(`\`${name}\``)),
      [],
      'named in docs/OPERATIONS.md but not in the README Configuration table',
    );
  });

  it('mentions only metrics the service exports', async () => {
    const { text } = await new PromMetrics().exposition();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
    const named = unique([...doc.matchAll(/\b(switchboard_[a-z_]+?)(?:_bucket)?\b/g)].map((m) => m[1]!));
    assert.ok(named.length >= 10, 'the doc names the metrics');
    assert.deepEqual(
      named.filter((name) => !exported.has(name)),
      [],
      'named in docs/OPERATIONS.md but not exported',
    );
    for (const name of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      if (doc.includes(name)) assert.ok(exported.has(name), `${name} is not exported`);
    }
  });

  it('mentions only npm scripts of package.json', () => {
    const used = unique([...doc.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!));
    assert.deepEqual(
      used.filter((name) => !scripts.includes(name)),
      [],
    );
  });
});
