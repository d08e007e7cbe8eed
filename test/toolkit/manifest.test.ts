// The Teams app package (issue 12, item 1): the manifest validates offline against Microsoft's JSON schema as
// @microsoft/app-manifest ships it, declares what Switchboard offers, its icons have the exact sizes, and
// `npm run package` writes a zip whose manifest validates, or refuses and names what is missing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { readPng } from './png';
import {
  ENVIRONMENTS,
  envFileSections,
  namesWrittenBy,
  placeholdersIn,
  readJson,
  readProject,
  readText,
} from './toolkit-files';

const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: '11111111-1111-1111-1111-111111111111',
  BOT_ID: '21111111-1111-1111-1111-111111111111',
  AAD_APP_CLIENT_ID: '31111111-1111-1111-1111-111111111111',
  BOT_DOMAIN: 'switchboard.example.com',
  APP_NAME_SUFFIX: 'local',
};
const template = readText('appPackage/manifest.json');
const filled = (values = SAMPLE): any =>
  JSON.parse(template.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `<${name}>`));
const validate = (manifest: unknown): Promise<string[]> =>
  AppManifestUtils.validateAgainstSchema(manifest as never);

describe('toolkit: the Teams app manifest and package', () => {
  it('is on manifest schema 1.30 and validates against the schema @microsoft/app-manifest ships', async () => {
    const manifest = filled();
    assert.equal(manifest.manifestVersion, '1.30');
    assert.match(manifest.$schema, /\/teams\/v1\.30\/MicrosoftTeams\.schema\.json$/);
    assert.deepEqual(await validate(manifest), []);
  });

  it('the schema check is live: a lower-case scope and a long short name are refused', async () => {
    const manifest = filled({ ...SAMPLE, APP_NAME_SUFFIX: ' with a name far too long for Teams' });
    manifest.bots[0].scopes = ['groupchat'];
    const problems = await validate(manifest);
    assert.ok(
      problems.some((p) => p.startsWith('/name/short')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('/bots/0/scopes/0')),
      problems.join('\n'),
    );
  });

  it('offers the personal tabs My status, Contacts and Admin, and the bot with help, status and link', () => {
    const manifest = filled();
    const named = manifest.staticTabs.filter((t: any) => t.name);
    assert.deepEqual(
      named.map((t: any) => t.name),
      ['My status', 'Contacts', 'Admin'],
    );
    for (const tab of named) {
      assert.deepEqual(tab.scopes, ['personal']);
      assert.equal(new URL(tab.contentUrl).pathname, '/tab/');
    }
    assert.equal(manifest.bots.length, 1);
    assert.deepEqual(manifest.bots[0].scopes, ['personal']);
    const commands = manifest.bots[0].commandLists.flatMap((l: any) => l.commands.map((c: any) => c.title));
    assert.deepEqual(commands.sort(), ['help', 'link', 'status']);
  });

  it("asks for read receipts by RSC, and its SSO resource is the Entra app's identifier URI", () => {
    const manifest = filled();
    assert.deepEqual(manifest.authorization.permissions.resourceSpecific, [
      { name: 'ChatMessageReadReceipt.Read.Chat', type: 'Application' },
    ]);
    const aad = readJson('aad.manifest.json');
    assert.equal(template.includes('"id": "${{AAD_APP_CLIENT_ID}}"'), true);
    assert.equal(readJson('appPackage/manifest.json').webApplicationInfo.resource, aad.identifierUris[0]);
    const scopes = aad.api.oauth2PermissionScopes.map((s: any) => s.value);
    assert.deepEqual(scopes, ['access_as_user']);
    const preAuthorized = aad.api.preAuthorizedApplications.map((a: any) => a.appId);
    for (const teams of ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'])
      assert.ok(preAuthorized.includes(teams), `Teams client ${teams} is pre-authorised`);
  });

  it('names only valid domains for every URL it holds, and legal pages the tab serves', () => {
    const manifest = filled();
    const content = { ...manifest, $schema: undefined };
    const hosts = [...JSON.stringify(content).matchAll(/"https:\/\/([^/"]+)/g)].map((m) => m[1]);
    for (const host of hosts) assert.ok(manifest.validDomains.includes(host), host);
    for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      const path = new URL(url).pathname;
      assert.match(path, /^\/tab\/(privacy|terms)\.html$/);
      assert.ok(existsSync(join('tab', path.slice('/tab/'.length))), `${path} is a page of the tab`);
    }
  });

  it('has icons of the exact sizes: color 192x192 opaque, outline 32x32 white on transparent', () => {
    const color = readPng(readFileSync('appPackage/color.png'));
    assert.deepEqual([color.width, color.height], [192, 192]);
    const outline = readPng(readFileSync('appPackage/outline.png'));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) continue;
      opaque++;
      assert.deepEqual(
        [r, g, b],
        [255, 255, 255],
        `outline pixel ${i / 4} is white where it is not transparent`,
      );
    }
    assert.ok(opaque > 0 && opaque < 32 * 32, 'the outline has a mark and a transparent background');
  });

  for (const { env, projectFile } of ENVIRONMENTS) {
    it(`every placeholder is set in env/.env.${env} or written by ${projectFile}'s provisioning`, () => {
      const written = readProject(projectFile).provision!.flatMap(namesWrittenBy);
      const known = new Set([...envFileSections(env).set, ...written]);
      for (const name of placeholdersIn(template)) assert.ok(known.has(name), `${name} (environment ${env})`);
    });
  }

  describe('npm run package', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), 'switchboard-package-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const run = (env: Record<string, string>, args: string[]) =>
      promisify(execFile)(process.execPath, ['scripts/package-app.mjs', ...args], {
        env: { PATH: process.env.PATH, ...env },
      });

    it('writes a zip for the environment whose manifest validates, with both icons', async () => {
      const out = join(dir, 'app.zip');
      const { stdout } = await run(SAMPLE, ['--env', 'local', '--out', out]);
      assert.match(stdout, /wrote .*app\.zip/);
      const zip = new AdmZip(out);
      assert.deepEqual(
        zip
          .getEntries()
          .map((e) => e.entryName)
          .sort(),
        ['color.png', 'manifest.json', 'outline.png'],
      );
      const manifest = JSON.parse(zip.readAsText('manifest.json'));
      assert.equal(manifest.id, SAMPLE.TEAMS_APP_ID);
      assert.equal(manifest.name.short, 'Switchboardlocal');
      assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
      assert.deepEqual(await validate(manifest), []);
      assert.deepEqual(zip.readFile('outline.png'), readFileSync('appPackage/outline.png'));
    });

    it('refuses, naming each empty placeholder, and writes nothing', async () => {
      const out = join(dir, 'missing.zip');
      const withoutBot = { ...SAMPLE, BOT_ID: '' };
      await assert.rejects(run(withoutBot, ['--out', out]), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /^package-app: BOT_ID has no value: set it in env\/\.env\.local/m);
        return true;
      });
      assert.equal(existsSync(out), false);
    });

    it('refuses a manifest the schema rejects (a bot id that is not a GUID)', async () => {
      const out = join(dir, 'invalid.zip');
      await assert.rejects(
        run({ ...SAMPLE, BOT_ID: 'not-a-guid' }, ['--out', out]),
        /\/bots\/0\/botId must match/,
      );
      assert.equal(existsSync(out), false);
    });
  });
});
