// The docs a newcomer reads point at things that exist: relative links and #anchors resolve, and nothing
// refers to the external contract file, which is not part of the repository (issue 7).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DOCS = ['README.md', 'docs/INTEGRATION.md', 'docs/OPERATIONS.md'];
const SKIP = new Set(['node_modules', '.git', 'dist', 'data']);

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');

function repositoryFiles(dir = '.'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? repositoryFiles(path) : [path];
  });
}

describe('docs: links', () => {
  for (const doc of DOCS) {
    it(`${doc}: every relative link and anchor resolves`, () => {
      const text = readFileSync(doc, 'utf8');
      const anchors = new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]!)));
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        if (path) assert.ok(existsSync(join(dirname(doc), path)), `${doc} links to ${target}`);
        else assert.ok(anchors.has(anchor!), `${doc} links to #${anchor}, which is no heading`);
      }
    });
  }

  it('no file refers to the external contract file', () => {
    const name = ['CONTRACT', 'md'].join('.');
    const mentions = repositoryFiles().filter((file) => {
      if (!/\.(ts|tsx|mjs|js|md|yaml|yml|json|html)$/.test(file)) return false;
      return readFileSync(file, 'utf8').includes(name);
    });
    assert.deepEqual(mentions, []);
  });
});
