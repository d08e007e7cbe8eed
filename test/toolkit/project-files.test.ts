// The Toolkit's project files (issue 12, item 2): each validates against the YAML schema that
// @microsoft/m365agentstoolkit-cli ships for its declared version; every ${{NAME}} a step uses is defined by
// the env file or written by an earlier step; the local file hands the service the settings it reads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseConfig } from '../../src/config';
import {
  ENVIRONMENTS,
  ajv8,
  envFile,
  envFileSections,
  filesReadBy,
  namesWrittenBy,
  placeholdersIn,
  readJson,
  readProject,
  readText,
  settingsTheServiceReads,
  type ProjectFile,
  type Step,
} from './toolkit-files';

const schemaDir = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentstoolkit-cli/package.json')),
  'resource/yaml-schema',
);
const validatorFor = (version: string) =>
  ajv8().compile(readJson(join(schemaDir, version, 'yaml.schema.json')));

/** Problems: placeholders used by a step before anything defined them, lifecycle by lifecycle, in order. */
function undefinedPlaceholders(project: ProjectFile, env: string): string[] {
  const defined = new Set(envFileSections(env).set);
  const problems: string[] = [];
  for (const lifecycle of ['provision', 'deploy', 'publish'] as const) {
    for (const [i, step] of (project[lifecycle] ?? []).entries()) {
      const texts = [JSON.stringify(step.with ?? {}), ...filesReadBy(step).map(readText)];
      // aadApp/update makes the scope id it then fills in; every other step writes only after it ran.
      const madeByItself = step.uses === 'aadApp/update' ? namesWrittenBy(step) : [];
      for (const name of placeholdersIn(texts.join('\n')))
        if (!defined.has(name) && !madeByItself.includes(name))
          problems.push(`${lifecycle}[${i}] ${step.uses}: ${name}`);
      for (const name of namesWrittenBy(step)) defined.add(name);
    }
  }
  return problems;
}

describe('toolkit: the Agents Toolkit project files', () => {
  for (const { env, projectFile } of ENVIRONMENTS) {
    describe(`${projectFile} (environment "${env}")`, () => {
      const project = readProject(projectFile);

      it("declares a current schema version and validates against the Toolkit's schema for it", () => {
        assert.equal(project.version, 'v1.11');
        assert.match(
          readText(projectFile),
          /\$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json/,
        );
        const validate = validatorFor(project.version);
        assert.equal(validate(project), true, JSON.stringify(validate.errors?.slice(0, 5), null, 1));
      });

      it('uses no placeholder before the env file or an earlier step defines it', () => {
        assert.deepEqual(undefinedPlaceholders(project, env), []);
      });

      it('lists under "Written by provisioning" only names a step writes', () => {
        const written = new Set(
          Object.values(project).flatMap((l) => (Array.isArray(l) ? l.flatMap(namesWrittenBy) : [])),
        );
        for (const name of envFileSections(env).provisioned) assert.ok(written.has(name), name);
      });

      it('provisions the Teams app, both Entra apps, access_as_user and the package, in that order', () => {
        const uses = (project.provision ?? []).map((s) => s.uses);
        const order = [
          'teamsApp/create',
          'aadApp/create',
          'aadApp/update',
          'teamsApp/validateManifest',
          'teamsApp/zipAppPackage',
          'teamsApp/validateAppPackage',
          'teamsApp/update',
        ];
        let at = -1;
        for (const action of order) {
          const next = uses.indexOf(action, at + 1);
          assert.ok(next > at, `${action} after ${uses[at] ?? 'the start'}`);
          at = next;
        }
        const created = (project.provision ?? []).filter((s) => s.uses === 'aadApp/create');
        assert.deepEqual(
          created.map((s) => s.writeToEnvironmentFile?.clientId),
          ['BOT_ID', 'AAD_APP_CLIENT_ID'],
        );
        const registersBot =
          env === 'local' ? uses.includes('botFramework/create') : uses.includes('arm/deploy');
        assert.ok(registersBot, 'the bot is registered (Bot Framework locally, Azure Bot in the cloud)');
      });
    });
  }

  it("the schema check fails on a broken step (the issue's refused aadApp/create)", () => {
    const project = readProject('m365agents.yml');
    const broken = structuredClone(project);
    const step = broken.provision!.find((s) => s.uses === 'aadApp/create') as Step & {
      with: Record<string, unknown>;
    };
    delete step.with.generateClientSecret;
    assert.equal(validatorFor(project.version)(broken), false);
    assert.ok(
      undefinedPlaceholders(
        { ...project, provision: [{ uses: 'script', with: { run: '${{NOPE}}' } }] },
        'dev',
      ).length,
    );
  });

  describe("the local deploy step writes the service's settings", () => {
    const step = readProject('m365agents.local.yml').deploy!.find(
      (s) => s.uses === 'file/createOrUpdateEnvironmentFile',
    )!;
    const envs = step.with!.envs as Record<string, string | number>;

    it('into .env, which `npm start` reads, under names the service reads', () => {
      assert.equal(step.with!.target, './.env');
      const known = settingsTheServiceReads();
      for (const name of Object.keys(envs)) assert.ok(known.has(name), `${name} is a setting in the README`);
      for (const name of [
        'BOT_ID',
        'BOT_PASSWORD',
        'AZURE_TENANT_ID',
        'AZURE_CLIENT_ID',
        'AZURE_CLIENT_SECRET',
        'PUBLIC_BASE_URL',
        'CC_WEBHOOK_SECRET',
      ])
        assert.ok(name in envs, name);
    });

    it('a set the service accepts as a real tenant (not local mode) once provisioning has filled it', () => {
      const sample: Record<string, string> = {
        BOT_ENDPOINT: 'https://abc123-3978.euw.devtunnels.ms',
        BOT_ID: '21111111-1111-1111-1111-111111111111',
        SECRET_BOT_PASSWORD: 'bot-secret',
        AAD_APP_TENANT_ID: '41111111-1111-1111-1111-111111111111',
        AAD_APP_CLIENT_ID: '31111111-1111-1111-1111-111111111111',
        SECRET_AAD_APP_CLIENT_SECRET: 'app-secret',
        AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
        SECRET_CC_WEBHOOK_SECRET: 'ab'.repeat(32),
        SECRET_ADMIN_API_KEY: 'cd'.repeat(32),
        SECRET_SYNC_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
      };
      const filled = Object.fromEntries(
        Object.entries(envs).map(([k, v]) => [
          k,
          String(v).replace(/\$\{\{(\w+)\}\}/g, (_, n: string) => sample[n] ?? `<${n}?>`),
        ]),
      );
      for (const [k, v] of Object.entries(filled)) assert.doesNotMatch(v, /<\w+\?>/, `${k} = ${v}`);
      const config = parseConfig(filled);
      assert.equal(config.localGraph, false);
      assert.equal(config.botId, sample.BOT_ID);
      assert.equal(config.botMode, 'authenticated');
      assert.equal(config.azure?.clientId, sample.AAD_APP_CLIENT_ID);
      assert.equal(config.publicBaseUrl, sample.BOT_ENDPOINT);
    });
  });

  it('keeps secrets out of git: .env.*.user and .env are ignored, none is committed', () => {
    for (const path of ['env/.env.local.user', 'env/.env.dev.user', '.env'])
      execFileSync('git', ['check-ignore', '-q', path]);
    const tracked = execFileSync('git', ['ls-files', 'env']).toString().split('\n').filter(Boolean);
    assert.deepEqual(
      tracked.filter((f) => f.endsWith('.user')),
      [],
    );
    for (const { env } of ENVIRONMENTS) {
      assert.ok(existsSync(`env/.env.${env}`));
      for (const [name, value] of Object.entries(envFile(env)))
        assert.ok(!name.startsWith('SECRET_') || value === '', `${name} belongs in env/.env.${env}.user`);
    }
  });
});
