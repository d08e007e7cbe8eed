import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aesGcmSecretBox, loadTokenKey, TOKEN_KEY_FILE } from '../../src/adapters/secret-box';
import { CLIENT_ID, newUserId, startHarness, type Harness } from './harness';

describe('sync-account tokens at rest', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const stored = (): string => h.store.settings.get('sync-account:sync-1') ?? '';

  async function redeemAt(refreshToken: string): Promise<number> {
    const res = await fetch(`${h.emulator.origin}/common/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: CLIENT_ID,
      }).toString(),
    });
    await res.arrayBuffer();
    return res.status;
  }

  it('stores the rotated refresh token encrypted, and a restarted manager carries on with it', async () => {
    h.store.link(newUserId());
    const given = h.emulator.issueDelegatedRefreshToken('sync-1@contoso.com');
    await h.setup.manager.start();
    const added = await h.setup.manager.addAccount({ name: 'sync-1', refreshToken: given });
    assert.equal(added.ok, true);
    await h.setup.manager.idle();
    assert.ok(stored().length > 0);
    assert.ok(!stored().includes(given), 'the given token is not stored');
    assert.ok(!stored().includes('emu-rt.'), 'no refresh token in clear');
    assert.equal(await redeemAt(given), 400, 'the given token was redeemed, so rotated away');
    assert.ok(
      !JSON.stringify(h.setup.manager.listAccounts()).includes('emu-rt.'),
      'the admin view shows no token',
    );

    const sealedBefore = JSON.parse(stored()).refreshToken as string;
    await h.setup.manager.stop();
    const restarted = h.restartedSetup().manager;
    h.clock.advance(61 * 60_000); // the first access token has expired: a new one needs the stored refresh token
    await restarted.start();
    await restarted.idle();
    assert.equal(restarted.listAccounts()[0]?.lastError, null);
    assert.equal(restarted.coveredUsers().size, 1);
    assert.notEqual(JSON.parse(stored()).refreshToken, sealedBefore, 'rotated again, and saved');
    await restarted.stop();
  });

  it('refuses a refresh token Entra does not accept, storing nothing', async () => {
    await h.setup.manager.start();
    const result = await h.setup.manager.addAccount({ name: 'sync-1', refreshToken: 'emu-rt.not-issued' });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.code, 'invalid_refresh_token');
    assert.equal(h.store.settings.get('sync-account:sync-1'), undefined);
    assert.deepEqual(h.setup.manager.listAccounts(), []);
  });
});

describe('token encryption key and secret box', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates the key once under DATA_DIR with mode 0600 and reuses it', () => {
    const first = loadTokenKey({ configured: null, dataDir: dir });
    assert.equal(first.source, 'generated');
    assert.equal(statSync(join(dir, TOKEN_KEY_FILE)).mode & 0o777, 0o600);
    const second = loadTokenKey({ configured: null, dataDir: dir });
    assert.equal(second.source, 'file');
    assert.deepEqual(second.key, first.key);
  });

  it('takes SYNC_TOKEN_KEY when set and refuses one that is not 32 bytes', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    assert.deepEqual(loadTokenKey({ configured: key, dataDir: dir }).key, Buffer.alloc(32, 7));
    assert.throws(() => loadTokenKey({ configured: 'c2hvcnQ=', dataDir: dir }), /SYNC_TOKEN_KEY/);
  });

  it('opens only with the same key and context, and not after tampering', () => {
    const box = aesGcmSecretBox(Buffer.alloc(32, 1));
    const sealed = box.seal('refresh-token-value', 'sync-account:a:refresh-token');
    assert.ok(!sealed.includes('refresh-token-value'));
    assert.equal(box.open(sealed, 'sync-account:a:refresh-token'), 'refresh-token-value');
    assert.throws(() => box.open(sealed, 'sync-account:b:refresh-token'), /does not open/);
    assert.throws(
      () => aesGcmSecretBox(Buffer.alloc(32, 2)).open(sealed, 'sync-account:a:refresh-token'),
      /does not open/,
    );
    const parts = sealed.split('.');
    const data = Buffer.from(parts[2] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[2] = data.toString('base64url');
    assert.throws(() => box.open(parts.join('.'), 'sync-account:a:refresh-token'), /does not open/);
  });
});
