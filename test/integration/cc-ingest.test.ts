// POST /api/cc/events (docs/INTEGRATION.md): signatures, validation, all-or-nothing batches, idempotency, limits.
import assert from 'node:assert/strict';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import {
  CC_SECRET,
  eventually,
  newTeamsUserId,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';

describe('POST /api/cc/events', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  const setPresenceCalls = () =>
    f.emulator.requests().filter((r) => r.path.endsWith('/setPresence') && r.status === 200);

  describe('signatures', () => {
    it('rejects a missing signature with 401 signature_missing and stores nothing', async () => {
      const event = stateEvent('A1', 'Busy');
      const res = await f.postEvents(event, { 'x-switchboard-signature': '', 'x-switchboard-timestamp': '' });
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'signature_missing');
      assert.deepEqual((await f.postEvents(event)).json, { accepted: 1, duplicates: 0 });
    });

    it('rejects a signature made with another secret', async () => {
      const event = stateEvent('A1', 'Busy');
      const body = JSON.stringify(event);
      const res = await f.postEvents(body, signatureHeaders('wrong-secret', body, Date.now() / 1000));
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'signature_invalid');
      assert.deepEqual((await f.postEvents(event)).json, { accepted: 1, duplicates: 0 });
    });

    it('rejects a body changed after signing', async () => {
      const body = JSON.stringify(stateEvent('A1', 'Busy'));
      const headers = signatureHeaders(CC_SECRET, body, Date.now() / 1000);
      const res = await f.postEvents(body.replace('Busy', 'Available'), headers);
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'signature_invalid');
    });

    it('rejects a timestamp more than 300 s away, either side', async () => {
      const body = JSON.stringify(stateEvent('A1', 'Busy'));
      for (const skew of [-301, 301]) {
        const res = await f.postEvents(body, signatureHeaders(CC_SECRET, body, Date.now() / 1000 + skew));
        assert.equal(res.status, 401);
        assert.equal(res.json.error.code, 'signature_expired');
      }
      const inWindow = await f.postEvents(body, signatureHeaders(CC_SECRET, body, Date.now() / 1000 - 290));
      assert.equal(inWindow.status, 202);
    });
  });

  describe('validation', () => {
    it('rejects a whole batch when one event is invalid, naming it, and applies none', async () => {
      const good = stateEvent('A1', 'Busy');
      const bad = { ...stateEvent('A2', 'Busy'), occurredAt: 'yesterday' };
      const res = await f.postEvents({ events: [good, bad] });
      assert.equal(res.status, 400);
      assert.equal(res.json.error.code, 'invalid_event');
      assert.deepEqual(
        res.json.error.details.map((d: { index: number; id: string; path: string }) => [
          d.index,
          d.id,
          d.path,
        ]),
        [[1, bad.id, 'occurredAt']],
      );
      assert.deepEqual((await f.postEvents({ events: [good] })).json, { accepted: 1, duplicates: 0 });
    });

    it('rejects a state the active profile does not know', async () => {
      const res = await f.postEvents(stateEvent('A1', 'Lunch'));
      assert.equal(res.status, 400);
      assert.match(res.json.error.details[0].message, /"Lunch" is not a state of the active profile/);
    });

    it('answers 415 for a body that is not JSON and 400 for broken JSON', async () => {
      const body = 'state=Busy';
      const res = await f.postEvents(body, { 'content-type': 'text/plain' });
      assert.equal(res.status, 415);
      assert.equal(res.json.error.code, 'unsupported_media_type');
      const broken = await f.postEvents('{"id": ');
      assert.equal(broken.status, 400);
      assert.equal(broken.json.error.code, 'invalid_json');
    });

    it('answers 413 past 1 MiB and 400 past 500 events', async () => {
      const huge = await f.postEvents({
        events: [{ ...stateEvent('A1', 'Busy'), pad: 'x'.repeat(1024 * 1024) }],
      });
      assert.equal(huge.status, 413);
      assert.equal(huge.json.error.code, 'payload_too_large');
      const many = Array.from({ length: 501 }, () => stateEvent('A1', 'Busy'));
      assert.equal((await f.postEvents({ events: many })).status, 400);
    });
  });

  describe('idempotency and order', () => {
    it('counts a repeated id as a duplicate and does not apply it again', async () => {
      const user = newTeamsUserId();
      assert.equal((await f.admin('PUT', '/api/admin/links/A1', { teamsUserId: user })).status, 201);
      const batch = { events: [stateEvent('A1', 'Busy')] };
      assert.deepEqual((await f.postEvents(batch)).json, { accepted: 1, duplicates: 0 });
      await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
      const calls = setPresenceCalls().length;
      assert.deepEqual((await f.postEvents(batch)).json, { accepted: 0, duplicates: 1 });
      await f.app.engine.idle();
      assert.equal(setPresenceCalls().length, calls);
    });

    it('counts an id repeated inside one batch once', async () => {
      const event = stateEvent('A1', 'Busy');
      assert.deepEqual((await f.postEvents({ events: [event, event] })).json, { accepted: 1, duplicates: 1 });
    });

    it('stores and ignores a state older than the last one applied', async () => {
      const user = newTeamsUserId();
      await f.admin('PUT', '/api/admin/links/A1', { teamsUserId: user });
      const now = Date.now();
      await f.postEvents(stateEvent('A1', 'Busy', { occurredAt: new Date(now).toISOString() }));
      await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
      const older = await f.postEvents(
        stateEvent('A1', 'Available', { occurredAt: new Date(now - 5000).toISOString() }),
      );
      assert.deepEqual(older.json, { accepted: 1, duplicates: 0 });
      await f.app.engine.idle();
      const status = await f.admin('GET', '/api/admin/agents/A1/status');
      assert.equal(status.json.ccState, 'Busy');
      assert.equal(f.emulator.presenceOf(user).activity, 'InACall');
    });
  });
});
