// docs/ADMIN.md (issue 12, item 4) says what the project files provision: its permissions table is exactly
// the Graph permissions in aad.manifest.json plus the manifest's resource-specific ones, the apps it names
// are the apps the YAML creates, and every Toolkit command it gives exists for a project file.
import assert from 'node:assert/strict';
import { SYNC_ACCOUNT_SCOPE } from '../../src/adapters/entra/refresh-token-grant';
import { ENVIRONMENTS, readJson, readProject, readText } from './toolkit-files';

const guide = readText('docs/ADMIN.md');
const TYPES: Record<string, string> = { Role: 'Application', Scope: 'Delegated' };

function section(heading: string): string {
  const start = guide.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `docs/ADMIN.md has a "${heading}" section`);
  const end = guide.indexOf('\n## ', start + 1);
  return guide.slice(start, end < 0 ? undefined : end);
}

const tableRows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe('toolkit: docs/ADMIN.md matches what the project provisions', () => {
  it('lists exactly the permissions aad.manifest.json and the app manifest request, each with a reason', () => {
    const rows = tableRows(section('Permissions'));
    const documented = rows.map(([name, type]) => `${name!.replace(/`/g, '')} ${type}`).sort();
    const graph = readJson('aad.manifest.json').requiredResourceAccess.flatMap((r: any) =>
      r.resourceAccess.map((a: any) => `${a.id} ${TYPES[a.type]}`),
    );
    const rsc = readJson('appPackage/manifest.json').authorization.permissions.resourceSpecific.map(
      (p: any) => `${p.name} Resource-specific`,
    );
    assert.deepEqual(documented, [...graph, ...rsc].sort());
    for (const [name, , why] of rows) assert.ok((why ?? '').split(' ').length >= 6, `${name} is justified`);
  });

  it('says which permission is not requested, and it is indeed absent', () => {
    const absent = /Not requested: `([\w.]+)`/.exec(section('Permissions'))?.[1];
    assert.equal(absent, 'TeamsAppInstallation.ReadWriteSelfForUser.All');
    assert.doesNotMatch(readText('aad.manifest.json'), new RegExp(absent.replace(/\./g, '\\.')));
  });

  it('names the Entra and Teams apps the YAML creates, and only Toolkit commands for existing environments', () => {
    for (const { env, projectFile } of ENVIRONMENTS) {
      const provision = readProject(projectFile).provision ?? [];
      const names = provision
        .filter((s) => s.uses === 'aadApp/create' || s.uses === 'teamsApp/create')
        .map((s) => String(s.with?.name).replace('${{APP_NAME_SUFFIX}}', '<suffix>'));
      for (const name of names) assert.ok(guide.includes(`\`${name}\``), `${env}: ${name} is in the guide`);
    }
    const commands = [...guide.matchAll(/npx atk (\w+) --env (\w+)/g)].map((m) => [m[1]!, m[2]!] as const);
    assert.ok(commands.length >= 5);
    for (const [lifecycle, env] of commands) {
      const file = ENVIRONMENTS.find((e) => e.env === env)?.projectFile;
      assert.ok(file, `environment ${env} exists`);
      assert.ok((readProject(file) as any)[lifecycle]?.length, `${file} has a ${lifecycle} lifecycle`);
    }
  });

  it('gives the sync account the scope the service refreshes with, and a redirect the Entra app allows', () => {
    const url = new URL(
      /`(https:\/\/login\.microsoftonline\.com\/[^`]+\/authorize\?[^`]+)`/.exec(guide)![1]!,
    );
    assert.equal(url.searchParams.get('scope'), SYNC_ACCOUNT_SCOPE);
    const redirect = url.searchParams.get('redirect_uri')!;
    assert.ok(readJson('aad.manifest.json').web.redirectUris.includes(redirect), redirect);
    assert.ok(guide.includes(`-d redirect_uri=${redirect} `), 'the code is redeemed with the same redirect');
  });
});
