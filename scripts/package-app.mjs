// `npm run package [-- --env dev] [--out file.zip]`: the Teams app package for one Toolkit environment, like
// `atk package --env <env>` but without the Toolkit. Placeholders ${{NAME}} in appPackage/manifest.json are
// filled from env/.env.<env>, then env/.env.<env>.user, then the process environment (non-empty values win, so
// CI can pass them); an empty one stops it, as does a manifest that fails Microsoft's schema or a wrong icon.
// Writes appPackage/build/appPackage.<env>.zip (manifest.json, color.png, outline.png at its root).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { parse as parseDotenv } from 'dotenv';

export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
export const ICON_SIZES = { color: 192, outline: 32 };

/** The environment's values: env file, its .user file, then non-empty process variables. */
export function environmentValues(root, env, processEnv = process.env) {
  const values = {};
  for (const file of [`.env.${env}`, `.env.${env}.user`]) {
    const path = join(root, 'env', file);
    if (existsSync(path)) Object.assign(values, parseDotenv(readFileSync(path)));
  }
  for (const [name, value] of Object.entries(processEnv)) if (value) values[name] = value;
  return values;
}

/** The text with every placeholder filled, or the names that have no value. */
export function fillPlaceholders(text, values) {
  const missing = new Set();
  const filled = text.replace(PLACEHOLDER, (_, name) => {
    if (!values[name]) missing.add(name);
    return values[name] ?? '';
  });
  return { filled, missing: [...missing] };
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function iconProblems(appDir, manifest) {
  const problems = [];
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const path = join(appDir, manifest.icons?.[kind] ?? '');
    const dims = existsSync(path) ? pngSize(readFileSync(path)) : null;
    if (!dims) problems.push(`icons.${kind}: ${path} is missing or not a PNG`);
    else if (dims.width !== size || dims.height !== size)
      problems.push(`icons.${kind}: ${dims.width}x${dims.height}, must be ${size}x${size}`);
  }
  return problems;
}

/** Builds the package; returns { zipPath } or { problems } (nothing is written then). */
export async function packageApp({ root, env, out, processEnv }) {
  const appDir = join(root, 'appPackage');
  const template = readFileSync(join(appDir, 'manifest.json'), 'utf8');
  const { filled, missing } = fillPlaceholders(template, environmentValues(root, env, processEnv));
  if (missing.length)
    return {
      problems: missing.map(
        (name) =>
          `${name} has no value: set it in env/.env.${env} or the environment (atk provision --env ${env} writes the ids)`,
      ),
    };
  const manifest = JSON.parse(filled);
  const problems = [
    ...(await AppManifestUtils.validateAgainstSchema(manifest)),
    ...iconProblems(appDir, manifest),
  ];
  if (problems.length) return { problems };
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  for (const kind of Object.keys(ICON_SIZES))
    zip.addFile(manifest.icons[kind], readFileSync(join(appDir, manifest.icons[kind])));
  const zipPath = resolve(out ?? join(appDir, 'build', `appPackage.${env}.zip`));
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, zip.toBuffer());
  return { zipPath };
}

async function main() {
  const { values } = parseArgs({
    options: { env: { type: 'string', default: 'local' }, out: { type: 'string' } },
  });
  if (!/^[A-Za-z0-9_-]+$/.test(values.env))
    throw new Error(`--env "${values.env}" is not an environment name`);
  if (!existsSync(join('env', `.env.${values.env}`)))
    throw new Error(`env/.env.${values.env} does not exist`);
  const result = await packageApp({ root: process.cwd(), env: values.env, out: values.out });
  if (result.problems) {
    for (const problem of result.problems) console.error(`package-app: ${problem}`);
    process.exitCode = 1;
    return;
  }
  console.log(`package-app: wrote ${result.zipPath}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`package-app: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
