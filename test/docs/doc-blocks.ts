// Reads the fenced code blocks of a Markdown file (or of a comment in a source file) so the tests can check
// every example a reader may copy. A block's info string is `<language> <tag>…`: `json cc-event` says what
// the JSON is; `js example=sign.mjs` names the program file the block is.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DocBlock {
  readonly file: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
  readonly lang: string;
  readonly tags: readonly string[];
  readonly text: string;
}

const FENCE = /^```(\S*)[ \t]*(.*)\n([\s\S]*?)^```[ \t]*$/gm;

/** Every fenced block of `text`; `file` only names where it came from. */
export function fencedBlocks(file: string, text: string): DocBlock[] {
  return [...text.matchAll(FENCE)].map((m) => ({
    file,
    line: text.slice(0, m.index).split('\n').length,
    lang: m[1] ?? '',
    tags: (m[2] ?? '').split(/\s+/).filter((t) => t !== ''),
    text: m[3] ?? '',
  }));
}

export const blocksOf = (file: string): DocBlock[] => fencedBlocks(file, readFileSync(file, 'utf8'));

/** The text of a `/** … *\/` comment with its leading ` * ` removed, so its fences can be read. */
export function commentText(source: string): string {
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  return comment
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n');
}

export const where = (block: DocBlock): string => `${block.file}:${block.line}`;

/** The `example=<name>` blocks written into dir under their names; returns name → path. */
export function writeExamples(blocks: readonly DocBlock[], dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const block of blocks) {
    const name = block.tags.find((t) => t.startsWith('example='))?.slice('example='.length);
    if (!name) continue;
    if (files.has(name)) throw new Error(`${where(block)}: a second example named ${name}`);
    files.set(name, join(dir, name));
    writeFileSync(join(dir, name), block.text);
  }
  return files;
}
