// infra/ (issue 12, item 3). No Bicep compiler can be installed here, so this checks what can be checked
// without one: the parameters file and the template agree, secrets go only to @secure() parameters, the
// App Service settings are settings the service reads and, filled in, a set it accepts for a real tenant.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { parseConfig } from '../../src/config';
import { readJson, readText, settingsTheServiceReads } from './toolkit-files';

interface Param {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly secure: boolean;
}

function paramsOf(bicep: string): Param[] {
  return [...bicep.matchAll(/((?:^@[\s\S]*?\n)*?)^param (\w+) \w+( = .*)?$/gm)].map((m) => ({
    name: m[2]!,
    hasDefault: Boolean(m[3]),
    secure: /@secure\(\)\s*(?:@description\([^\n]*\)\s*)?$/.test(bicep.slice(0, m.index! + m[1]!.length)),
  }));
}

/** The App Service settings as name → Bicep expression (a parameter, a 'literal' or an 'interpolated ${x}'). */
function appSettings(bicep: string): Map<string, string> {
  return new Map(
    [...bicep.matchAll(/name: '([A-Z][A-Z0-9_]+)'\n\s+value: (.+)$/gm)].map((m) => [m[1]!, m[2]!]),
  );
}

function evaluate(expression: string, scope: Record<string, string>): string {
  const lookup = (name: string): string => {
    if (!(name in scope)) throw new Error(`no sample value for ${name}`);
    return scope[name]!;
  };
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) return literal[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => lookup(name));
  if (/^\w+$/.test(expression)) return lookup(expression);
  return lookup(expression.replace(/\W/g, '_'));
}

describe('toolkit: infra/ Bicep (checked without a Bicep compiler)', () => {
  const bicep = readText('infra/azure.bicep');
  const params = paramsOf(bicep);
  const given = readJson<{ parameters: Record<string, { value: unknown }> }>(
    'infra/azure.parameters.json',
  ).parameters;

  it('the parameters file gives every parameter without a default, and only parameters the template has', () => {
    const names = params.map((p) => p.name);
    for (const name of Object.keys(given)) assert.ok(names.includes(name), `${name} is a template parameter`);
    for (const p of params.filter((p) => !p.hasDefault)) assert.ok(p.name in given, `${p.name} is given`);
  });

  it('secrets (SECRET_* placeholders) go only to @secure() parameters', () => {
    const secretOnes = Object.entries(given).filter(([, v]) => /\$\{\{SECRET_/.test(JSON.stringify(v)));
    assert.ok(secretOnes.length >= 5);
    for (const [name] of secretOnes)
      assert.ok(params.find((p) => p.name === name)?.secure, `${name} is @secure()`);
  });

  it('the PostgreSQL module exists and gets exactly its parameters', () => {
    const call = /module database '([^']+)' = if \(\w+\) \{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/.exec(bicep);
    assert.ok(call, 'azure.bicep calls the PostgreSQL module');
    assert.ok(existsSync(`infra/${call[1]}`));
    const passed = [...call[2]!.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]).sort();
    const declared = paramsOf(readText(`infra/${call[1]}`));
    assert.deepEqual(
      passed,
      declared
        .filter((p) => !p.hasDefault)
        .map((p) => p.name)
        .sort(),
    );
  });

  it('sets only App Service settings the service reads, and a set it accepts for a real tenant', () => {
    const settings = appSettings(bicep);
    const known = settingsTheServiceReads();
    for (const name of settings.keys())
      assert.ok(
        known.has(name) || name === 'SCM_DO_BUILD_DURING_DEPLOYMENT',
        `${name} is a setting in the README`,
      );
    const scope: Record<string, string> = {
      hostName: 'switchboarddev.azurewebsites.net',
      botAadAppClientId: '21111111-1111-1111-1111-111111111111',
      botAadAppClientSecret: 'bot-secret',
      aadAppClientId: '31111111-1111-1111-1111-111111111111',
      aadAppClientSecret: 'app-secret',
      aadAppTenantId: '41111111-1111-1111-1111-111111111111',
      aadAppOauthAuthorityHost: 'https://login.microsoftonline.com',
      ccWebhookSecret: 'ab'.repeat(32),
      adminApiKey: 'cd'.repeat(32),
      syncTokenKey: Buffer.alloc(32, 7).toString('base64'),
      presenceProfile: '8x8',
      ccOutboundUrl: 'https://cc.example.com/switchboard',
      database_outputs_connectionUrl:
        'postgres://switchboard:pw@switchboarddev-pg.postgres.database.azure.com:5432/switchboard?sslmode=require',
    };
    const env = Object.fromEntries(
      [...settings].map(([name, expression]) => [name, evaluate(expression, scope)]),
    );
    const config = parseConfig(env);
    assert.equal(config.localGraph, false);
    assert.equal(config.botMode, 'authenticated');
    assert.equal(config.publicBaseUrl, 'https://switchboarddev.azurewebsites.net');
    assert.equal(config.databaseUrl, scope.database_outputs_connectionUrl);
  });

  it("registers the Azure Bot single-tenant with its Teams channel, at the App Service's /api/messages", () => {
    assert.match(bicep, /msaAppType: 'SingleTenant'/);
    assert.match(bicep, /msaAppTenantId: aadAppTenantId/);
    assert.match(bicep, /endpoint: 'https:\/\/\$\{hostName\}\/api\/messages'/);
    assert.match(bicep, /channelName: 'MsTeamsChannel'/);
    assert.match(bicep, /healthCheckPath: '\/healthz'/);
  });
});
