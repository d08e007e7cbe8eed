// src/config.ts: the environment is parsed once; the first bad value is named in one line.
import assert from 'node:assert/strict';
import { LOCAL_SESSION_ID, parseConfig } from '../../src/config';
import { CodedError } from '../../src/domain/errors';

function failure(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof CodedError);
    assert.equal(error.code, 'invalid_config');
    return error.message;
  }
  throw new Error('expected parseConfig to fail');
}

describe('config', () => {
  it('runs in local mode with the documented defaults when nothing is set', () => {
    const config = parseConfig({});
    assert.equal(config.localGraph, true);
    assert.equal(config.port, 3978);
    assert.equal(config.dataDir, './data');
    assert.equal(config.presenceProfile, '8x8');
    assert.equal(config.presencePollSeconds, 10);
    assert.equal(config.graphPresenceQuota, 1500);
    assert.equal(config.ccWebhookSecret, null);
    assert.equal(config.adminApiKey, null);
    assert.equal(config.presenceSessionId, LOCAL_SESSION_ID);
  });

  it('leaves local mode as soon as any Graph setting is given, and then requires the webhook secret', () => {
    assert.equal(
      failure({ GRAPH_BASE_URL: 'http://127.0.0.1:4000/v1.0', GRAPH_TOKEN: 't' }),
      'CC_WEBHOOK_SECRET is required when Graph settings are given',
    );
    const config = parseConfig({
      GRAPH_BASE_URL: 'http://127.0.0.1:4000/v1.0/',
      GRAPH_TOKEN: 't',
      CC_WEBHOOK_SECRET: 's',
    });
    assert.equal(config.localGraph, false);
    assert.equal(config.graphBaseUrl, 'http://127.0.0.1:4000/v1.0');
    assert.equal(config.ccOutboundSecret, 's');
  });

  it('uses the Entra client id as the presence sessionId and needs all three Azure settings without a token', () => {
    assert.equal(
      failure({ AZURE_CLIENT_ID: 'c', CC_WEBHOOK_SECRET: 's' }),
      'AZURE_TENANT_ID is required when any AZURE_* setting is given',
    );
    const config = parseConfig({
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 'x',
      CC_WEBHOOK_SECRET: 's',
    });
    assert.equal(config.presenceSessionId, 'c');
    assert.equal(config.graphBaseUrl, 'https://graph.microsoft.com/v1.0');
  });

  describe('bot mode (docs/INTEGRATION.md: the bot authentication rules)', () => {
    const real = { GRAPH_BASE_URL: 'http://127.0.0.1:4000/v1.0', GRAPH_TOKEN: 't', CC_WEBHOOK_SECRET: 's' };
    const rows: [string, Record<string, string>, string][] = [
      ['local mode, no BOT_ID', {}, 'anonymous'],
      ['real settings, no BOT_ID', real, 'refused'],
      [
        'real settings, no BOT_ID, BOT_ALLOW_ANONYMOUS=true',
        { ...real, BOT_ALLOW_ANONYMOUS: 'TRUE' },
        'anonymous',
      ],
      ['real settings, BOT_ALLOW_ANONYMOUS=false', { ...real, BOT_ALLOW_ANONYMOUS: 'false' }, 'refused'],
      [
        'BOT_ID set',
        { ...real, BOT_ID: 'b', BOT_PASSWORD: 'p', BOT_ALLOW_ANONYMOUS: 'true' },
        'authenticated',
      ],
      ['local mode, BOT_ID set', { BOT_ID: 'b', BOT_PASSWORD: 'p' }, 'authenticated'],
      [
        'AZURE_TENANT_ID set, BOT_ID empty',
        { ...real, AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c' },
        'refused',
      ],
    ];
    for (const [name, env, mode] of rows) {
      it(`${name} → ${mode}`, () => assert.equal(parseConfig(env).botMode, mode));
    }

    it("defaults to Microsoft's scope and leaves the endpoints to the mode", () => {
      const config = parseConfig({});
      assert.equal(config.botOAuthScope, 'https://api.botframework.com');
      assert.equal(config.botOpenIdMetadataUrl, null);
      assert.equal(config.botLoginUrl, null);
    });
  });

  const cases: [Record<string, string>, string][] = [
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ PRESENCE_POLL_SECONDS: '0' }, 'PRESENCE_POLL_SECONDS must be an integer from 1 to 3600 (got "0")'],
    [
      { GRAPH_PRESENCE_QUOTA: '1.5' },
      'GRAPH_PRESENCE_QUOTA must be an integer from 1 to 1000000 (got "1.5")',
    ],
    [
      { PRESENCE_SESSION_MINUTES: '300' },
      'PRESENCE_SESSION_MINUTES must be an integer from 10 to 240 (got "300")',
    ],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use postgres: or postgresql: (got "mysql://x")'],
    [{ CC_OUTBOUND_URL: 'not a url' }, 'CC_OUTBOUND_URL must be a URL (got "not a url")'],
    [
      { SYNC_TOKEN_KEY: 'c2hvcnQ=' },
      'SYNC_TOKEN_KEY must be 32 bytes in base64 (e.g. openssl rand -base64 32)',
    ],
    [{ GRAPH_NOTIFICATION_CERT_FILE: 'cert.pem' }, 'GRAPH_NOTIFICATION_KEY_FILE is required with the other'],
    [{ BOT_ID: 'b' }, 'BOT_PASSWORD is required with BOT_ID'],
    [{ BOT_ALLOW_ANONYMOUS: 'yes' }, 'BOT_ALLOW_ANONYMOUS must be true or false (got "yes")'],
    [
      { BOT_OPENID_METADATA_URL: 'ftp://x/y' },
      'BOT_OPENID_METADATA_URL must use http: or https: (got "ftp://x/y")',
    ],
  ];
  for (const [env, message] of cases) {
    it(`names the bad setting: ${Object.keys(env).join(', ')}`, () => assert.equal(failure(env), message));
  }
});
