// Issue 6, item 12: rich notifications' validationTokens, checked as Microsoft Learn documents, against the
// Graph emulator's real key set over HTTP (it signs the tokens it sends with the same key).
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { validationTokenVerifier } from '../../src/adapters/graph/validation-tokens';
import {
  GRAPH_NOTIFICATION_PUBLISHER_ID,
  checkValidationTokens,
  type ValidationTokenVerifier,
} from '../../src/subscriptions/notification-items';
import { FakeClock } from '../support/fake-clock';
import { freePort } from '../support/free-port';

const APP = '3c1f4a5e-1111-4a2b-9c3d-5e6f7a8b9c0d';
const HOUR = 3_600_000;

describe('validationTokens (issue 6 #12)', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;
  let verify: ValidationTokenVerifier;
  before(async () => {
    clock = new FakeClock();
    emu = await startGraphEmulator({ clock });
    verify = validationTokenVerifier({
      keysUrl: `${emu.origin}/common/discovery/keys`,
      audience: APP,
      now: () => clock.now(),
    });
  });
  after(() => emu.close());

  /** A token like the emulator's, signed with a key of our own under the given kid. */
  const forged = async (kid: string) => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return new SignJWT({ appid: GRAPH_NOTIFICATION_PUBLISHER_ID, ver: '1.0' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setAudience(APP)
      .setIssuedAt(Math.floor(clock.now() / 1000))
      .setExpirationTime(Math.floor(clock.now() / 1000) + 3600)
      .sign(privateKey);
  };
  const emulatorKid = async () => {
    const jwks = (await (await fetch(`${emu.origin}/common/discovery/keys`)).json()) as {
      keys: { kid: string }[];
    };
    return jwks.keys[0]?.kid ?? '';
  };

  it('accepts the token the emulator sends, for our app id', async () => {
    assert.deepEqual(await verify(emu.issueValidationToken({ aud: APP })), { ok: true });
  });

  it('refuses a token for another app (aud)', async () => {
    const token = emu.issueValidationToken({ aud: '11111111-2222-3333-4444-555555555555' });
    assert.deepEqual(await verify(token), { ok: false, reason: 'validation_token_wrong_audience' });
  });

  it('refuses a token not issued to Graph’s change-notification publisher (appid)', async () => {
    const token = emu.issueValidationToken({ aud: APP, appid: '9d1c8d1e-0000-4000-8000-000000000000' });
    assert.deepEqual(await verify(token), { ok: false, reason: 'validation_token_wrong_app' });
  });

  it('refuses a token signed with another key, under the issuer’s kid or an unknown one', async () => {
    assert.deepEqual(await verify(await forged(await emulatorKid())), {
      ok: false,
      reason: 'validation_token_signature',
    });
    assert.deepEqual(await verify(await forged('not-a-published-kid')), {
      ok: false,
      reason: 'validation_token_unknown_key',
    });
  });

  it('refuses an expired token, on the service clock', async () => {
    const expired = emu.issueValidationToken({ aud: APP, expiresInSeconds: -600 });
    assert.deepEqual(await verify(expired), { ok: false, reason: 'validation_token_expired' });
    const valid = emu.issueValidationToken({ aud: APP });
    clock.advance(2 * HOUR);
    assert.deepEqual(await verify(valid), { ok: false, reason: 'validation_token_expired' });
  });

  it('refuses HS256, alg "none" and garbage', async () => {
    const hs = await new SignJWT({ appid: GRAPH_NOTIFICATION_PUBLISHER_ID })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(APP)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!!'));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ aud: APP, appid: GRAPH_NOTIFICATION_PUBLISHER_ID }),
    ).toString('base64url')}.`;
    for (const token of [hs, none, 'not.a.jwt', ''])
      assert.equal((await verify(token)).ok, false, token.slice(0, 20));
  });

  it('says "retry later" when the keys cannot be fetched', async () => {
    const port = await freePort();
    const offline = validationTokenVerifier({
      keysUrl: `http://127.0.0.1:${port}/common/discovery/keys`,
      audience: APP,
      now: () => clock.now(),
    });
    const verdict = await offline(emu.issueValidationToken({ aud: APP }));
    assert.deepEqual(verdict, { ok: false, reason: 'signing_keys_unavailable', unavailable: true });
  });

  describe('checkValidationTokens (the batch rule)', () => {
    const rich = { value: [{ subscriptionId: 's', encryptedContent: { data: 'x' } }] };
    const ok: ValidationTokenVerifier = () => Promise.resolve({ ok: true });
    it('needs tokens only when an item carries resource data, and only with a verifier', async () => {
      assert.deepEqual(await checkValidationTokens({ value: [{ subscriptionId: 's' }] }, ok), { ok: true });
      assert.deepEqual(await checkValidationTokens(rich, null), { ok: true });
      assert.deepEqual(await checkValidationTokens(rich, ok), {
        ok: false,
        reason: 'validation_tokens_missing',
      });
      assert.deepEqual(await checkValidationTokens({ ...rich, validationTokens: [] }, ok), {
        ok: false,
        reason: 'validation_tokens_missing',
      });
      assert.equal((await checkValidationTokens({ ...rich, validationTokens: [42] }, ok)).ok, false);
    });

    it('refuses the batch when any one token fails', async () => {
      const good = emu.issueValidationToken({ aud: APP, expiresInSeconds: 7200 });
      const bad = emu.issueValidationToken({ aud: 'someone-else' });
      assert.deepEqual(await checkValidationTokens({ ...rich, validationTokens: [good] }, verify), {
        ok: true,
      });
      assert.deepEqual(await checkValidationTokens({ ...rich, validationTokens: [good, bad] }, verify), {
        ok: false,
        reason: 'validation_token_wrong_audience',
      });
    });
  });
});
