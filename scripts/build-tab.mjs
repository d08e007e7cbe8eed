#!/usr/bin/env node
// Bundles the Teams tab (tab/) with esbuild into dist/tab: index.html and main-<HASH>.js, minified. The
// content hash lets the server cache the script for a year while index.html is revalidated each time. The
// static pages the app manifest links to (privacyUrl, termsOfUseUrl) are copied beside them as they are.
// Usage: node scripts/build-tab.mjs [--outdir <dir>]   (default dist/tab; tests build into a temp dir)
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Only what this script wrote is removed, so a mistaken --outdir never loses other files.
const OWN_ASSET = /^main-[A-Z0-9]+\.js$/;
const STATIC_PAGES = ['privacy.html', 'terms.html', 'legal.css'];

function outDirFromArgs(args) {
  const i = args.indexOf('--outdir');
  if (i === -1) return join(root, 'dist', 'tab');
  const dir = args[i + 1];
  if (!dir) throw new Error('--outdir needs a directory');
  return resolve(dir);
}

async function clean(outDir) {
  await mkdir(outDir, { recursive: true });
  for (const name of await readdir(outDir)) {
    if (OWN_ASSET.test(name) || name === 'index.html' || STATIC_PAGES.includes(name)) {
      await rm(join(outDir, name));
    }
  }
}

async function main() {
  const started = Date.now();
  const outDir = outDirFromArgs(process.argv.slice(2));
  await clean(outDir);
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: join(root, 'tab', 'main.tsx') },
    outdir: outDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  const script = Object.keys(result.metafile.outputs).find((file) => file.endsWith('.js'));
  if (!script) throw new Error('esbuild produced no script');
  const template = await readFile(join(root, 'tab', 'index.html'), 'utf8');
  if (!template.includes('%MAIN_JS%')) throw new Error('tab/index.html has no %MAIN_JS% placeholder');
  await writeFile(join(outDir, 'index.html'), template.replace('%MAIN_JS%', `/tab/${basename(script)}`));
  for (const page of STATIC_PAGES) await copyFile(join(root, 'tab', page), join(outDir, page));
  console.log(`tab built in ${Date.now() - started} ms: ${outDir} (index.html, ${basename(script)})`);
}

main().catch((error) => {
  console.error(`build-tab: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
