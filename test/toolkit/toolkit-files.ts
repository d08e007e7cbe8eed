// The Toolkit project as the tests read it: the YAML project files per environment, the JSON files with
// ${{NAME}} placeholders, the env files, and which names each provisioning step writes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';

export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface Step {
  readonly uses: string;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}

export interface ProjectFile {
  readonly version: string;
  readonly environmentFolderPath?: string;
  readonly provision?: Step[];
  readonly deploy?: Step[];
  readonly publish?: Step[];
}

/** Each Toolkit environment and the project file it runs (`local` reads m365agents.local.yml). */
export const ENVIRONMENTS = [
  { env: 'local', projectFile: 'm365agents.local.yml' },
  { env: 'dev', projectFile: 'm365agents.yml' },
] as const;

export const readText = (path: string): string => readFileSync(path, 'utf8');
export const readJson = <T = any>(path: string): T => JSON.parse(readText(path)) as T;
export const readProject = (path: string): ProjectFile => parseYaml(readText(path)) as ProjectFile;
export const envFile = (env: string): Record<string, string> => parseDotenv(readFileSync(`env/.env.${env}`));

const PROVISIONED_MARKER = '# Written by provisioning.';

/** The env file's names a person sets (above the marker) and those provisioning writes (below it). */
export function envFileSections(env: string): { readonly set: string[]; readonly provisioned: string[] } {
  const text = readText(`env/.env.${env}`);
  const at = text.indexOf(PROVISIONED_MARKER);
  if (at < 0) throw new Error(`env/.env.${env} has no "${PROVISIONED_MARKER}" line`);
  return {
    set: Object.keys(parseDotenv(text.slice(0, at))),
    provisioned: Object.keys(parseDotenv(text.slice(at))),
  };
}

export const placeholdersIn = (text: string): string[] => [
  ...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)),
];

/** The ajv (v8) that @microsoft/app-manifest itself depends on; draft-07, as the Toolkit's YAML schemas. */
export function ajv8(): any {
  const fromAppManifest = createRequire(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  const Ajv = fromAppManifest('ajv') as { default: new (options: object) => any };
  return new Ajv.default({ allErrors: true, strict: false });
}

/** The files a step reads besides its own `with` (their placeholders must be defined when it runs). */
export function filesReadBy(step: Step): string[] {
  const w = step.with ?? {};
  if (step.uses === 'aadApp/update') return [String(w.manifestPath)];
  if (step.uses === 'teamsApp/validateManifest' || step.uses === 'teamsApp/zipAppPackage')
    return [String(w.manifestPath)];
  if (step.uses === 'arm/deploy')
    return (w.templates as Array<{ parameters?: string }>).flatMap((t) =>
      t.parameters ? [t.parameters] : [],
    );
  return [];
}

/** The names a step writes to the environment file. */
export function namesWrittenBy(step: Step): string[] {
  const written = Object.values(step.writeToEnvironmentFile ?? {});
  const w = step.with ?? {};
  if (step.uses === 'script')
    written.push(...[...String(w.run).matchAll(/'(SECRET_[A-Z0-9_]+)'/g)].map((m) => m[1]!));
  if (step.uses === 'arm/deploy')
    for (const t of w.templates as Array<{ path: string }>)
      written.push(...[...readText(t.path).matchAll(/^output (\w+) /gm)].map((m) => m[1]!));
  // aadApp/update generates the scope's id when the manifest uses it and the variable is empty (its schema says so).
  if (step.uses === 'aadApp/update') written.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  return written;
}

/** The settings the service reads: the names in the README's Configuration tables (a test keeps those complete). */
export function settingsTheServiceReads(): Set<string> {
  const rows = readText('README.md').match(/^\| `[A-Z][A-Z0-9_]+`.*$/gm) ?? [];
  return new Set(
    rows.flatMap((row) => (row.split('|')[1]!.match(/`[A-Z][A-Z0-9_]+`/g) ?? []).map((n) => n.slice(1, -1))),
  );
}
